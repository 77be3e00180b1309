import { badUserInput } from '@tributary/service-kit';
import type { UpdateProductInput } from './generated/resolver-types.ts';
import type { ProductPatch } from './product-store.ts';

/** Checks updateProduct input; throws BAD_USER_INPUT naming the bad field. */
export function validatePatch(input: UpdateProductInput): ProductPatch {
  const patch: ProductPatch = {};
  if (input.name != null) {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) throw badUserInput('name must be 1 to 200 characters', 'name');
    patch.name = name;
  }
  if (input.price != null) {
    if (!Number.isInteger(input.price) || input.price < 0 || input.price > 100_000_000) {
      throw badUserInput('price must be 0 to 100,000,000 cents', 'price');
    }
    patch.price = input.price;
  }
  if (input.description != null) {
    if (input.description.length > 2_000) throw badUserInput('description must be at most 2,000 characters', 'description');
    patch.description = input.description;
  }
  if (Object.keys(patch).length === 0) throw badUserInput('give at least one of name, price, description', 'input');
  return patch;
}
