import { describe, expect, it } from 'vitest';
import {
  currencyFromSymbol,
  currencyFromWord,
  fractionOf,
  normaliseUnit,
  parseDigits,
  parseNumberWords,
  scaleOf,
} from '../../src/extract/numbers.ts';

describe('parseDigits', () => {
  it('given thousands separators and decimals, then it reads the number', () => {
    expect(parseDigits('7,000')).toBe(7000);
    expect(parseDigits('1,234,567.5')).toBe(1234567.5);
    expect(parseDigits('3.0')).toBe(3);
    expect(parseDigits('42')).toBe(42);
  });

  it('given malformed grouping or a version string, then it returns null', () => {
    expect(parseDigits('1,00')).toBeNull();
    expect(parseDigits('1.8.3')).toBeNull();
    expect(parseDigits('12a')).toBeNull();
  });
});

describe('parseNumberWords', () => {
  it('given cardinal words, compounds and scales, then it adds them up', () => {
    expect(parseNumberWords('two')).toBe(2);
    expect(parseNumberWords('twenty-five')).toBe(25);
    expect(parseNumberWords('two hundred and fifty thousand')).toBe(250000);
    expect(parseNumberWords('three million')).toBe(3e6);
    expect(parseNumberWords('Zero')).toBe(0);
  });

  it('given "a dozen" or "a hundred", then the article counts as one', () => {
    expect(parseNumberWords('a dozen')).toBe(12);
    expect(parseNumberWords('a hundred')).toBe(100);
  });

  it('given a word that is not a number, then it returns null', () => {
    expect(parseNumberWords('apple')).toBeNull();
    expect(parseNumberWords('two apples')).toBeNull();
  });
});

describe('scales, fractions and units', () => {
  it('given scale words and abbreviations, then it returns the multiplier', () => {
    expect(scaleOf('billion')).toBe(1e9);
    expect(scaleOf('bn')).toBe(1e9);
    expect(scaleOf('Million')).toBe(1e6);
    expect(scaleOf('k')).toBe(1e3);
    expect(scaleOf('dozen')).toBeUndefined();
  });

  it('given fraction words, then it returns their value', () => {
    expect(fractionOf('half')).toBe(0.5);
    expect(fractionOf('thirds')).toBeCloseTo(1 / 3);
    expect(fractionOf('quarter')).toBe(0.25);
    expect(fractionOf('second')).toBeUndefined();
  });

  it('given long unit names, then it normalises them', () => {
    expect(normaliseUnit('kilometres')).toBe('km');
    expect(normaliseUnit('per cent')).toBe('percent');
    expect(normaliseUnit('megabytes')).toBe('MB');
    expect(normaliseUnit('troops')).toBe('troops');
  });
});

describe('currencies', () => {
  it('given currency symbols with or without a country prefix, then it returns the ISO code', () => {
    expect(currencyFromSymbol('$')).toBe('USD');
    expect(currencyFromSymbol('US$')).toBe('USD');
    expect(currencyFromSymbol('£')).toBe('GBP');
    expect(currencyFromSymbol('€')).toBe('EUR');
    expect(currencyFromSymbol('¥')).toBe('JPY');
    expect(currencyFromSymbol('A$')).toBe('AUD');
    expect(currencyFromSymbol('#')).toBeUndefined();
  });

  it('given currency words and codes, then it returns the ISO code', () => {
    expect(currencyFromWord('dollars')).toBe('USD');
    expect(currencyFromWord('Australian dollars')).toBe('AUD');
    expect(currencyFromWord('pounds')).toBe('GBP');
    expect(currencyFromWord('euros')).toBe('EUR');
    expect(currencyFromWord('GBP')).toBe('GBP');
    expect(currencyFromWord('troops')).toBeUndefined();
  });
});
