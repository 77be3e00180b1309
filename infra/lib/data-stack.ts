import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { POSTGRES_SUBGRAPHS } from './catalog.ts';
import { EventStream, OUTBOX_INDEX, OUTBOX_PENDING_ATTRIBUTE } from './data/event-stream.ts';
import { PostgresDatabase } from './data/postgres-database.ts';
import { RedisCache } from './data/redis-cache.ts';

export interface DataStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
}

/** Every store: RDS PostgreSQL, the DynamoDB tables, the Redis cache and the event stream with its S3 archive. */
export class DataStack extends Stack {
  readonly postgres: PostgresDatabase;
  readonly productsTable: dynamodb.Table;
  readonly inventoryTable: dynamodb.Table;
  readonly paymentsTable: dynamodb.Table;
  readonly redis: RedisCache;
  readonly events: EventStream;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.postgres = new PostgresDatabase(this, 'Postgres', {
      vpc: props.vpc,
      databases: POSTGRES_SUBGRAPHS.map((s) => s.name),
    });

    // Key schema as the products, inventory and payments services create it locally.
    this.productsTable = this.table('ProductsTable');
    this.productsTable.addGlobalSecondaryIndex({
      indexName: 'byRank',
      partitionKey: { name: 'listing', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'rank', type: dynamodb.AttributeType.NUMBER },
    });
    this.inventoryTable = this.table('InventoryTable');
    // Reservations not yet confirmed or released, by expiry: what inventory's sweeper queries.
    this.inventoryTable.addGlobalSecondaryIndex({
      indexName: 'byExpiry',
      partitionKey: { name: 'sweep', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'expiresAt', type: dynamodb.AttributeType.NUMBER },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    this.paymentsTable = this.table('PaymentsTable', 'userId');

    this.redis = new RedisCache(this, 'Redis', { vpc: props.vpc });
    this.events = new EventStream(this, 'Events');
  }

  /**
   * Item reads and writes on one table and the named indexes, nothing else: no scans,
   * no table management, no wildcard over indexes (unlike `grantReadWriteData`).
   */
  static grantItemAccess(table: dynamodb.ITable, grantee: iam.IGrantable, indexes: readonly string[] = []): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DescribeTable',
      ],
      resourceArns: [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)],
    });
  }

  /** A table keyed by `key` (UPC unless given), with the sparse index of items whose outbox holds unpublished events. */
  private table(id: string, key = 'upc'): dynamodb.Table {
    const table = new dynamodb.Table(this, id, {
      partitionKey: { name: key, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    table.addGlobalSecondaryIndex({
      indexName: OUTBOX_INDEX,
      partitionKey: { name: OUTBOX_PENDING_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    return table;
  }
}
