import { describe, expect, it } from 'vitest';
import { assembleDocuments, newId, newTraceId, sampleTrace } from '../test-support/sample-trace.ts';
import { renderTextWaterfall } from './text-waterfall.ts';

describe('renderTextWaterfall', () => {
  it('prints a heading and one line per span, bars placed by time, with the details', () => {
    const sample = sampleTrace({ fault: true });
    const lines = renderTextWaterfall(assembleDocuments(sample.documents)[0]!, { width: 140 }).split('\n');
    expect(lines[0]).toBe(`${sample.traceId} · gateway · TopProducts · 42.0 ms · 18 spans · FAULT`);
    expect(lines).toHaveLength(19);
    expect(lines.every((line) => line.length <= 140)).toBe(true);
    const gateway = lines[1]!;
    const dynamodb = lines.find((line) => line.includes('BatchGetItem products'))!;
    expect(gateway).toMatch(/^gateway\s+█{40}\s+42\.0 ms {2}fault {2}HTTP 200 {2}operation_type=query$/);
    expect(dynamodb).toMatch(/^ {6}dynamodb\s+ {4}█{5,6}\s+5\.5 ms {2}BatchGetItem products$/);
    expect(lines.find((line) => line.includes('redis') && line.includes('cache=miss'))).toBeDefined();
    expect(lines.find((line) => line.startsWith('      postgres') && line.includes('fault'))).toContain('connection terminated');
  });

  it('colours failed spans red only when asked', () => {
    const trace = assembleDocuments(sampleTrace({ fault: true }).documents)[0]!;
    expect(renderTextWaterfall(trace)).not.toContain('\x1b[');
    expect(renderTextWaterfall(trace, { color: true })).toMatch(/\x1b\[31m {6}postgres.*\x1b\[0m/);
  });

  it('never passes control characters from a segment to the terminal', () => {
    const traceId = newTraceId();
    const text = renderTextWaterfall(
      assembleDocuments([{ trace_id: traceId, id: newId(), name: 'evil\x1b[2J\u202e', start_time: 1_700_000_000, end_time: 1_700_000_000.001, annotations: { 'k\r': 'v\x07' } }])[0]!,
    );
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
    expect(text).toContain('evil�[2J�');
  });
});
