import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { networkDiagram } from './networkDiagram';

type Item = Record<string, unknown>;
const shapesOf = (figure: ReturnType<typeof networkDiagram>) => figure.layout.shapes as Item[];
const annotationsOf = (figure: ReturnType<typeof networkDiagram>) => figure.layout.annotations as Item[];
const named = (items: Item[], name: string) => {
  const found = items.find((item) => item.name === name);
  assert.ok(found, `no item named "${name}" among ${items.map((item) => item.name).join(', ')}`);
  return found;
};

describe('networkDiagram', () => {
  it('draws the boxes of the method, each labelled, with the class counts it is given', () => {
    const figure = networkDiagram({
      fineClassCount: 20,
      coarseClassCount: 6,
      fineClassName: 'newsgroups',
      coarseClassName: 'groups',
      temperature: 28,
      studentLossWeight: 0.3,
    });
    const boxes = shapesOf(figure).filter((shape) => shape.type === 'rect');
    assert.deepEqual(boxes.map((box) => box.name).sort(), [
      'coarse teacher',
      'distillation head',
      'distillation loss',
      'input',
      'prediction head',
      'shared body',
      'softened targets',
      'student loss',
      'total loss',
    ]);
    const annotations = annotationsOf(figure);
    const text = (name: string) => String(named(annotations, `${name} label`).text);
    assert.match(text('prediction head'), /20 outputs \(newsgroups\)/);
    assert.match(text('distillation head'), /6 outputs \(groups\)/);
    assert.match(text('coarse teacher'), /6 groups/);
    assert.match(text('softened targets'), /T = 28/);
    assert.match(text('distillation loss'), /T² · KL\(q<sup>T<\/sup> ‖ p<sup>T<\/sup>\)/);
    assert.match(text('student loss'), /−ln softmax\(z\)<sub>y<\/sub>/);
    assert.equal(named(annotations, 'weight a').text, '× a = 0.3');
    assert.equal(named(annotations, 'weight 1 − a').text, '× (1 − a = 0.7)');
    // Each label sits inside its box.
    for (const box of boxes) {
      const label = named(annotations, `${box.name} label`);
      assert.ok((label.x as number) > (box.x0 as number) && (label.x as number) < (box.x1 as number), `${box.name}`);
      assert.ok((label.y as number) > (box.y0 as number) && (label.y as number) < (box.y1 as number), `${box.name}`);
    }
  });

  it('draws the gradient path dashed, from the distillation loss through the distillation head into the body', () => {
    const figure = networkDiagram({ fineClassCount: 10, coarseClassCount: 5 });
    const shapes = shapesOf(figure);
    const dashed = shapes.filter((shape) => (shape.line as Item | undefined)?.dash === 'dash');
    assert.deepEqual(
      dashed.map((shape) => shape.name),
      ['gradient into the distillation head', 'gradient into the shared body'],
    );
    const box = (name: string) => named(shapes, name);
    const [intoHead, intoBody] = dashed;
    // Starts at the distillation loss's left edge, runs right to left toward the head.
    assert.equal(intoHead.x0, box('distillation loss').x0);
    assert.ok((intoHead.x1 as number) > (box('distillation head').x1 as number));
    // The second leaves the head's left edge and ends (its arrowhead) at the body's right edge.
    assert.equal(intoBody.x0, box('distillation head').x0);
    const bodyHead = named(annotationsOf(figure), 'gradient into the shared body head');
    assert.equal(bodyHead.x, box('shared body').x1);
    assert.equal(bodyHead.showarrow, true);
    // Nothing dashed touches the prediction head: it is reached only through the body.
    const prediction = box('prediction head');
    for (const shape of dashed)
      assert.ok((shape.y0 as number) < (prediction.y0 as number) && (shape.y1 as number) < (prediction.y0 as number));
    // Counts come from the parameters, defaults name the classes generically.
    const annotations = annotationsOf(figure);
    assert.match(String(named(annotations, 'prediction head label').text), /10 outputs \(fine classes\)/);
    assert.match(String(named(annotations, 'distillation head label').text), /5 outputs \(coarse classes\)/);
    assert.match(String(named(annotations, 'legend').text), /5-output head .* 10-output prediction head/);
    assert.equal(named(annotations, 'weight a').text, '× a');
    assert.match(String((figure.layout.title as Item).text), /5-output head.*10-output head/);
  });

  it('rejects class counts that cannot describe a hierarchy, naming the value', () => {
    assert.throws(
      () => networkDiagram({ fineClassCount: 20, coarseClassCount: 1 }),
      /coarseClassCount is 1, expected a whole number of at least 2/,
    );
    assert.throws(
      () => networkDiagram({ fineClassCount: 6.5, coarseClassCount: 3 }),
      /fineClassCount is 6.5, expected a whole number/,
    );
    assert.throws(
      () => networkDiagram({ fineClassCount: 6, coarseClassCount: 6 }),
      /coarseClassCount 6 is not below fineClassCount 6/,
    );
  });
});
