const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** Prices and shipping are integer cents in the schema. */
export const money = (cents: number) => dollars.format(cents / 100);

export const date = (iso: string) => {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : day.format(parsed);
};

export const grams = (weight: number) => (weight >= 1_000 ? `${(weight / 1_000).toFixed(1)} kg` : `${weight} g`);
