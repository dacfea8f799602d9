#!/usr/bin/env node
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { initializeBackend } from '../backend/backend';
import { writeJsonAtomic } from '../util/atomicFile';
import { formatDuration } from '../util/progress';
import { runsDirectory } from '../util/paths';
import { configuredMethods, runComparison } from './comparison';
import { loadExperimentConfig, methodConfigKeys, smokeVariant, type MethodsConfig, type NewsgroupsExperimentConfig } from './experimentConfig';
import { compareMethods, formatTextTable, studentTable, studentTableColumns, teacherTable, teacherTableColumns } from './tables';

const usage = `Runs the heterogeneous-distillation comparison headless.

Usage: npm run pipeline -- [options]

  --experiment <name|file.json>  built-in experiment or a JSON config (default paper1-newsgroups)
  --smoke                        small, fast version (40 docs per class, 4 epochs, 2 seeds)
  --seeds 1,2,3                  override the seeds
  --methods a,b,...              subset of heterogeneous,traditional,plain,coarse-auxiliary,label-smoothing
  --stage all|teachers|baseline  baseline = only the plain DNN classifier on the fine labels
  --fixed-epochs <n>             no early stopping: every network trains n epochs (paper 1's per-epoch curves)
  --backend <name>               force tensorflow-gpu | tensorflow | wasm | cpu (also HKD_BACKEND)
  --runs-dir <folder>            where run records go (default runs/, or HKD_RUNS_DIR)
  --fresh                        retrain even where identical finished runs exist
  --help
`;


/** Applies command-line overrides to a config; errors name the bad value. */
export function applyOverrides(
  config: NewsgroupsExperimentConfig,
  values: { smoke?: boolean; seeds?: string; methods?: string; 'fixed-epochs'?: string },
): NewsgroupsExperimentConfig {
  let result = values.smoke ? smokeVariant(config) : config;
  if (values['fixed-epochs'] !== undefined) {
    const epochs = Number(values['fixed-epochs']);
    if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`--fixed-epochs: expected a positive integer, got "${values['fixed-epochs']}"`);
    result = {
      ...result,
      name: `${result.name}-fixed${epochs}`,
      teacher: { ...result.teacher, epochs, earlyStopping: false },
      student: { ...result.student, epochs, earlyStopping: false },
    };
  }
  if (values.seeds) {
    const seeds = values.seeds.split(',').map((part) => Number(part.trim()));
    if (seeds.some((seed) => !Number.isInteger(seed))) throw new Error(`--seeds: expected integers like 1,2,3, got "${values.seeds}"`);
    result = { ...result, seeds };
  }
  if (values.methods) {
    const methods: MethodsConfig = {};
    for (const name of values.methods.split(',').map((part) => part.trim())) {
      const key = (methodConfigKeys as Record<string, keyof MethodsConfig | undefined>)[name];
      if (!key) throw new Error(`--methods: unknown method "${name}"; expected ${Object.keys(methodConfigKeys).join(', ')}`);
      if (result.methods[key] === undefined) throw new Error(`--methods: "${name}" has no settings in experiment ${result.name}`);
      (methods as Record<string, unknown>)[key] = result.methods[key];
    }
    result = { ...result, methods };
  }
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      experiment: { type: 'string', default: 'paper1-newsgroups' },
      smoke: { type: 'boolean', default: false },
      seeds: { type: 'string' },
      methods: { type: 'string' },
      stage: { type: 'string', default: 'all' },
      'fixed-epochs': { type: 'string' },
      backend: { type: 'string' },
      'runs-dir': { type: 'string' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const stage = values.stage as 'all' | 'teachers' | 'baseline';
  if (!['all', 'teachers', 'baseline'].includes(stage)) throw new Error(`--stage: expected all, teachers or baseline, got "${values.stage}"`);
  const started = Date.now();
  const backend = await initializeBackend(values.backend);
  console.log(`backend: ${backend.name} — ${backend.description}`);
  for (const reason of backend.skipped) console.log(`  skipped ${reason}`);

  const config = applyOverrides(await loadExperimentConfig(values.experiment!), values);
  const experimentDirectory = path.join(values['runs-dir'] ? path.resolve(values['runs-dir']) : runsDirectory(), config.name);
  console.log(`experiment: ${config.name} — ${config.description}`);
  console.log(`seeds ${config.seeds.join(', ')}; methods ${configuredMethods(config.methods).join(', ')}; stage ${stage}; runs in ${experimentDirectory}`);

  const result = await runComparison(config, { experimentDirectory, stage, fresh: values.fresh });
  const { hierarchy } = result.data;
  console.log(`\nTeachers (test set; mean ± std over ${config.seeds.length} seeds; hierarchy ${hierarchy.name}):`);
  console.log(formatTextTable(teacherTable(result.teachers, { coarse: hierarchy.coarseLabelNames.length, fine: hierarchy.fineLabelNames.length }), teacherTableColumns));
  if (result.students.length > 0) {
    console.log(`\nStudents (test set; mean ± std over ${config.seeds.length} seeds; target accuracy ${config.targetAccuracy}):`);
    console.log(formatTextTable(studentTable(result.students), studentTableColumns));
    if (config.methods.heterogeneous && config.methods.traditional) console.log('\n' + compareMethods(result.students, 'heterogeneous', 'traditional'));
  }
  const summaryPath = path.join(experimentDirectory, 'comparison.json');
  await writeJsonAtomic(summaryPath, { config, backend, finishedAt: new Date().toISOString(), seconds: result.seconds, runs: result.runDirectories, teachers: result.teachers, students: result.students });
  console.log(`\nbackend ${backend.name}; wall time ${formatDuration((Date.now() - started) / 1000)}; summary ${summaryPath}`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`pipeline failed: ${error.message}`);
    process.exit(1);
  });
}
