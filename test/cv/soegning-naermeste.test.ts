/** The nearest valid values of SearchCVText's 400/1014 answers (src/modules/cv/soegning/naermeste.ts). */
import { editDistance, nearest, nearestPostalCodes } from '../../src/modules/cv/soegning/naermeste';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, and stops early above the limit', () => {
    expect(editDistance('tømrer', 'tømrer')).toBe(0);
    expect(editDistance('tømre', 'tømrer')).toBe(1);
    expect(editDistance('sygeplejeske', 'sygeplejerske')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });
});

describe('nearest', () => {
  const vok = ['Sygeplejerske', 'Social- og sundhedsassistent', 'Tømrer', 'Murer', 'Pædagog', 'Specialpædagog'];
  it('puts values that contain the text first, then the closest by edit distance, any case', () => {
    expect(nearest('pædagog', vok, 2)).toEqual(['Pædagog', 'Specialpædagog']);
    expect(nearest('SYGEPLEJESKE', vok, 1)).toEqual(['Sygeplejerske']);
    expect(nearest('Murre', vok, 1)).toEqual(['Murer']);
    expect(nearest('x', [], 3)).toEqual([]);
  });
});

describe('nearestPostalCodes', () => {
  const koder = ['1050', '2100', '8000', '8200', '8210', '9990'];
  it('by number for digits, by text otherwise', () => {
    expect(nearestPostalCodes('8001', koder, 3)).toEqual(['8000', '8200', '8210']);
    expect(nearestPostalCodes('9999', koder, 1)).toEqual(['9990']);
    expect(nearestPostalCodes('82', koder, 1)).toEqual(['8200']);
    expect(nearestPostalCodes('8oo0', koder, 1)).toEqual(['8000']);
  });
});
