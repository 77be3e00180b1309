import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import { SERVICE_DIRS } from './catalog.ts';

export type ServiceName = keyof typeof SERVICE_DIRS;

/**
 * One ECR repository per service. Deployed first, on its own, so images can be
 * pushed before the services stack asks ECS to run them.
 */
export class RegistryStack extends Stack {
  readonly repositories: Readonly<Record<ServiceName, ecr.IRepository>>;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const repositories = {} as Record<ServiceName, ecr.IRepository>;
    for (const name of Object.keys(SERVICE_DIRS) as ServiceName[]) {
      repositories[name] = new ecr.Repository(this, `${name}Repository`, {
        repositoryName: `tributary/${name}`,
        imageScanOnPush: true,
        // Tags name releases: a tag never moves, so a rollback redeploys exactly what ran.
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        encryption: ecr.RepositoryEncryption.AES_256,
        lifecycleRules: [{ description: 'keep the last 30 images', maxImageCount: 30 }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
    this.repositories = repositories;
  }
}
