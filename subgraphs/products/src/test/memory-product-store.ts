import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import type { Product, ProductPatch, ProductStore } from '../product-store.ts';

/** The products table in memory, for resolver tests: ProductStore's behaviour (rank order, updates of existing products only). */
export class MemoryProductStore implements StoreStandIn<ProductStore> {
  readonly products = new Map<string, Product>();

  constructor(products: readonly Product[] = []) {
    for (const product of products) this.products.set(product.upc, product);
  }

  async findByUpcs(upcs: readonly string[]): Promise<Product[]> {
    return upcs.flatMap((upc) => this.products.get(upc) ?? []);
  }

  async top(first: number): Promise<Product[]> {
    return [...this.products.values()].sort((a, b) => a.rank - b.rank).slice(0, first);
  }

  async update(upc: string, patch: ProductPatch): Promise<Product | null> {
    const product = this.products.get(upc);
    if (!product) return null;
    const updated = { ...product, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.products.set(upc, updated);
    return updated;
  }

  async isEmpty(): Promise<boolean> {
    return this.products.size === 0;
  }

  async insertMany(products: readonly Product[]): Promise<void> {
    for (const product of products) this.products.set(product.upc, product);
  }
}
