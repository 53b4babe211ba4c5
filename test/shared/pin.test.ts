import { describe, expect, it } from 'vitest';
import { newPinProblem, UNLOCK_PIN_FORMAT } from '../../shared/rules/pin';

describe('choosing a new PIN', () => {
  it.each(['582931', '135792', '739164', '864209', '40718263', '907153482611'])('accepts %s', (pin) => {
    expect(newPinProblem(pin)).toBeNull();
  });

  it.each([
    ['', 'format'],
    ['24680', 'format'],
    ['1234567890123', 'format'],
    ['58293a', 'format'],
    [' 582931', 'format'],
    ['１２３４５６', 'format'],
  ])('refuses %j as not 6 to 12 digits', (pin, problem) => {
    expect(newPinProblem(pin)).toBe(problem);
  });

  it.each(['000000', '111111', '99999999'])('refuses one digit repeated: %s', (pin) => {
    expect(newPinProblem(pin)).toBe('same-digit');
  });

  it.each(['123456', '654321', '345678', '890123', '0987654321', '21098765'])(
    'refuses a run up or down the digits: %s',
    (pin) => {
      expect(newPinProblem(pin)).toBe('sequence');
    },
  );

  it.each(['121212', '123123', '12341234', '909090', '583583'])('refuses a repeated block: %s', (pin) => {
    expect(newPinProblem(pin)).toBe('repeat');
  });

  it.each([
    ['250385', 'ddmmyy'],
    ['850325', 'yymmdd'],
    ['032585', 'mmddyy'],
    ['031985', 'mmyyyy'],
    ['198503', 'yyyymm'],
    ['5031985', 'dmmyyyy'],
    ['2531985', 'ddmyyyy'],
    ['25031985', 'ddmmyyyy'],
    ['19850325', 'yyyymmdd'],
    ['03252011', 'mmddyyyy'],
    ['29022000', 'a leap day'],
  ])('refuses a date: %s (%s)', (pin) => {
    expect(newPinProblem(pin)).toBe('date');
  });

  it('does not take an impossible date for one: there is no 31 February', () => {
    expect(newPinProblem('310299')).toBeNull();
  });

  it.each(['159753', '147258', '123321', '789456'])('refuses a well-known PIN: %s', (pin) => {
    expect(newPinProblem(pin)).toBe('common');
  });
});

describe('unlocking', () => {
  it('still takes the 5-digit PINs of devices set up before the 6-digit rule', () => {
    expect(UNLOCK_PIN_FORMAT.test('24680')).toBe(true);
    expect(UNLOCK_PIN_FORMAT.test('2468')).toBe(false);
    expect(UNLOCK_PIN_FORMAT.test('1234567890123')).toBe(false);
  });
});
