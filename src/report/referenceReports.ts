/**
 * The reference reports: every results bundle shipped in `data/reference/` rendered to
 * `reports/<experiment>.md` (+ its SVG charts) and to the README's generated sections, with
 * no time stamp and no absolute path, so the same bundles give the same bytes on any machine.
 * `checkReferenceReports` regenerates them in a temporary folder and lists every committed
 * file that differs, is missing or is stale (what CI runs: no number in them is typed).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isResultsBundlePath } from '../results';
import { pathExists } from '../util/atomicFile';
import { projectRoot, referenceResultsDirectory } from '../util/paths';
import { studyRecordInBundle, writeStudyReportFromBundle } from '../study/studyBundle';
import { studyReadmeSection } from '../study/studyReadmeSection';
import { studyRecordRunFolders } from '../study/studyRecord';
import { bottomLineSection } from './bottomLine';
import { tunedOrderingSentence } from './studyBottomLine';
import { replaceMarkedSection, sectionMarkers, type WrittenReport, writeReport } from './writeReport';

/** Where the shipped results bundles live. */
export const referenceDirectory = referenceResultsDirectory;

/** The README section `<!-- report:bottom-line:start -->` ... `end` that opens its Results. */
const bottomLineMarker = 'bottom-line';

/** Options of {@link writeReferenceReports}. */
export interface ReferenceReportsOptions {
  /** The folder of `<experiment>.runs.jsonl.gz` bundles (default data/reference). */
  bundleDirectory?: string;
  /** Where the reports go (default reports/). */
  outputDirectory?: string;
  /** A markdown file whose `<!-- report:<experiment>:start/end -->` sections are replaced (those it has). */
  readme?: string;
  /** How the reports' own folder is named in links (default: its path in the project, e.g. 'reports'). */
  linkDirectory?: string;
}

/** The shipped bundles, sorted by file name (an error when the folder has none). */
export async function referenceBundles(bundleDirectory = referenceDirectory): Promise<string[]> {
  const names = (await pathExists(bundleDirectory)) ? await fs.readdir(bundleDirectory) : [];
  const bundles = names.filter(isResultsBundlePath).sort();
  if (bundles.length === 0)
    throw new Error(`${bundleDirectory}: no results bundle (<experiment>.runs.jsonl.gz) to report`);
  return bundles.map((name) => path.join(bundleDirectory, name));
}

/** What {@link writeReferenceReports} wrote: an experiment report per experiment bundle, a study report per study bundle. */
export interface ReferenceReports {
  experiments: WrittenReport[];
  /** Study names (each wrote `<name>.md` and the chart folder `<name>/`). */
  studies: string[];
}

/**
 * Writes the report of every shipped bundle (a study bundle, one whose header carries a study
 * record, gives the study's report), and the README sections it has markers for.
 */
export async function writeReferenceReports(options: ReferenceReportsOptions = {}): Promise<ReferenceReports> {
  const bundleDirectory = path.resolve(options.bundleDirectory ?? referenceDirectory);
  const outputDirectory = path.resolve(options.outputDirectory ?? path.join(projectRoot, 'reports'));
  const linkDirectory = options.linkDirectory ?? projectPath(outputDirectory);
  const written: WrittenReport[] = [];
  const studies: string[] = [];
  const studySentences = new Map<string, string[]>();
  for (const bundle of await referenceBundles(bundleDirectory)) {
    const study = await studyRecordInBundle(bundle);
    if (study) {
      await fs.rm(path.join(outputDirectory, study.name), { recursive: true, force: true });
      const written = await writeStudyReportFromBundle(bundle, {
        outputDirectory,
        generatedAt: null,
        sourceLabel: projectPath(bundle),
        command: 'npm run report',
      });
      studies.push(study.name);
      const grid = written.input.parts.find((part) => part.part.name === 'grid');
      const tuned = grid ? await tunedOrderingSentence(bundle, grid.points) : undefined;
      if (tuned) studySentences.set(path.basename(bundle).replace(/-study\.runs\.jsonl\.gz$/, ''), [tuned]);
      if (options.readme && (await hasMarkers(options.readme, study.name)))
        await replaceMarkedSection(
          options.readme,
          study.name,
          studyReadmeSection(written.input, {
            bundle: projectPath(bundle),
            report: `${linkDirectory}/${study.name}.md`,
            runs: studyRecordRunFolders(study).length,
          }),
        );
      continue;
    }
    const experiment = path.basename(bundle).replace(/\.runs\.jsonl\.gz$/, '');
    // The chart folder is generated: clear it so no chart of an older bundle stays behind.
    await fs.rm(path.join(outputDirectory, experiment), { recursive: true, force: true });
    const report = await writeReport({
      experimentDirectory: bundle,
      outputDirectory,
      command: 'npm run report',
      generatedAt: null,
      sourceLabel: projectPath(bundle),
      reportLinkPath: `${linkDirectory}/${experiment}.md`,
    });
    written.push(report);
    if (options.readme && (await hasMarkers(options.readme, report.experiment)))
      await replaceMarkedSection(options.readme, report.experiment, report.resultsSection);
  }
  if (options.readme && (await hasMarkers(options.readme, bottomLineMarker)))
    await replaceMarkedSection(
      options.readme,
      bottomLineMarker,
      bottomLineSection(
        written.map((report) => report.runs),
        studySentences,
      ),
    );
  return { experiments: written, studies };
}

/** A path as the project names it: relative to the project root, or its last two parts when outside. */
function projectPath(file: string): string {
  const relative = path.relative(projectRoot, file);
  const parts = relative.startsWith('..') ? file.split(path.sep).slice(-2) : relative.split(path.sep);
  return parts.join('/');
}

async function hasMarkers(file: string, name: string): Promise<boolean> {
  const text = await fs.readFile(file, 'utf8');
  const { start, end } = sectionMarkers(name);
  return text.includes(start) && text.includes(end);
}

async function filesUnder(directory: string): Promise<string[]> {
  if (!(await pathExists(directory))) return [];
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** One committed file that does not match what the bundles generate. */
export interface ReportDifference {
  file: string;
  problem: 'differs' | 'missing' | 'stale';
}

/**
 * Regenerates the reference reports (and the README's sections) in a temporary folder and
 * compares them byte for byte with the committed ones: a generated file that differs or is
 * missing, and a committed file in a generated chart folder that is no longer generated.
 */
export async function checkReferenceReports(
  options: Omit<ReferenceReportsOptions, 'linkDirectory'> = {},
): Promise<ReportDifference[]> {
  const committedReports = path.resolve(options.outputDirectory ?? path.join(projectRoot, 'reports'));
  const temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'hkd-report-check-'));
  try {
    const generatedReports = path.join(temporary, 'reports');
    const readmeCopy = options.readme ? path.join(temporary, path.basename(options.readme)) : undefined;
    if (options.readme && readmeCopy) await fs.copyFile(options.readme, readmeCopy);
    const written = await writeReferenceReports({
      bundleDirectory: options.bundleDirectory,
      outputDirectory: generatedReports,
      readme: readmeCopy,
      linkDirectory: projectPath(committedReports),
    });
    const differences: ReportDifference[] = [];
    const label = (file: string) => path.relative(process.cwd(), file) || file;
    const compare = async (generated: string, committed: string, name: string) => {
      if (!(await pathExists(committed))) return differences.push({ file: name, problem: 'missing' });
      const [a, b] = await Promise.all([fs.readFile(generated), fs.readFile(committed)]);
      if (!a.equals(b)) differences.push({ file: name, problem: 'differs' });
    };
    const generatedFiles = await filesUnder(generatedReports);
    for (const file of generatedFiles)
      await compare(
        path.join(generatedReports, file),
        path.join(committedReports, file),
        label(path.join(committedReports, file)),
      );
    for (const name of [...written.experiments.map((report) => report.experiment), ...written.studies]) {
      const chartFolder = path.join(committedReports, name);
      for (const file of await filesUnder(chartFolder)) {
        const relative = path.join(name, file);
        if (!generatedFiles.includes(relative))
          differences.push({ file: label(path.join(committedReports, relative)), problem: 'stale' });
      }
    }
    if (options.readme && readmeCopy) await compare(readmeCopy, options.readme, label(options.readme));
    return differences;
  } finally {
    await fs.rm(temporary, { recursive: true, force: true });
  }
}
