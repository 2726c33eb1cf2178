import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { renderManifests } from './src/render';
import { defaultValues } from './src/values';

/**
 * No cluster runs here: every rendered object is checked against the Kubernetes API's OpenAPI schemas and
 * KEDA's CRD schemas by validate.mts (its own Node process: the model packages are ES modules only).
 */
const VALIDATOR = join(__dirname, 'validate.mts');

interface Report {
  checked: number;
  problems: { object: string; message: string }[];
}

function validate(args: string[], input?: string): { status: number | null; report: Report } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', VALIDATOR, ...args], { input, encoding: 'utf8', cwd: __dirname });
  if (!result.stdout) throw new Error(`validator printed nothing (exit ${result.status}): ${result.stderr}`);
  return { status: result.status, report: JSON.parse(result.stdout) as Report };
}

const files = renderManifests(defaultValues);

describe('Kubernetes schema validation of deploy/k8s', () => {
  it('accepts every committed object', () => {
    const { status, report } = validate(Object.keys(files).map((file) => join(__dirname, file)));
    expect(report).toEqual({ checked: Object.values(files).flat().length, problems: [] });
    expect(status).toBe(0);
  });

  it('refuses broken objects, naming the field, and kinds it has no schema for', () => {
    const objects = files['30-services.yaml']!;
    const deployment = structuredClone(objects.find((object) => object.kind === 'Deployment')) as unknown as {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    deployment.spec.template.spec.containers[0]!.ports[0]!.containerPort = '4000';
    const autoscaler = structuredClone(objects.find((object) => object.kind === 'HorizontalPodAutoscaler')) as unknown as {
      spec: Record<string, unknown>;
    };
    delete autoscaler.spec.maxReplicas;
    const scaler = structuredClone(files['40-dialer-autoscaling.yaml']!.find((object) => object.kind === 'ScaledObject')) as unknown as {
      spec: { triggers: { metadata: Record<string, unknown> }[] };
    };
    scaler.spec.triggers[0]!.metadata.listLength = 5;
    const unknownKind = { apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'typo' } };

    const { status, report } = validate([], [deployment, autoscaler, scaler, unknownKind].map((object) => stringify(object)).join('---\n'));
    expect(status).toBe(1);
    expect(report.checked).toBe(4);
    expect(report.problems).toEqual([
      { object: 'Deployment/campaign-api', message: expect.stringContaining('containers/0/ports/0/containerPort must be integer') },
      { object: 'HorizontalPodAutoscaler/realtime-gateway', message: expect.stringContaining('must have required property maxReplicas') },
      { object: 'ScaledObject/dialer-worker', message: expect.stringContaining('triggers/0/metadata/listLength must be string') },
      { object: 'Deploymnet/typo', message: 'no schema for apiVersion apps/v1 kind Deploymnet' },
    ]);
  });
});
