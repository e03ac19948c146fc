import { RuleViolation } from '../../src/domain/errors';
import { RuleViolations, throwViolations } from '../../src/domain/rule-violations';

describe('RuleViolations / throwViolations', () => {
  it('none: nothing; one: that violation itself', () => {
    expect(() => throwViolations([])).not.toThrow();
    const one = new RuleViolation(4318, { felt: '/a' });
    expect(() => throwViolations([one])).toThrow(one);
  });

  it('several: the lowest status gives status, title and detail and its entry comes first; the others keep their order', () => {
    const v = [new RuleViolation(8282, { felt: '/a' }), new RuleViolation(9439, { felt: '/b' }), new RuleViolation(8281, { felt: '/c' })];
    let thrown: unknown;
    try {
      throwViolations(v);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RuleViolations);
    const r = thrown as RuleViolations;
    expect([r.status, r.title]).toEqual([404, 'Occupation key does not exist']);
    expect(r.fejl.map((f) => [f.fejlkode, f.felt])).toEqual([
      [8281, '/c'],
      [8282, '/a'],
      [9439, '/b'],
    ]);
    expect(() => new RuleViolations([])).toThrow();
  });
});
