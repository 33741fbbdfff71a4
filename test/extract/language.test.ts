import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/extract/language.ts';

describe('detectLanguage', () => {
  it('given a declared language, then it wins, reduced to its primary tag', () => {
    expect(detectLanguage('The minister said the plan was over.', 'pt-BR')).toBe('pt');
  });

  it('given English prose, then en', () => {
    expect(
      detectLanguage('The council said on Monday that it would spend more on the harbour and the roads.'),
    ).toBe('en');
  });

  it.each([
    ['de', 'Der Minister sagte am Montag, dass die Regierung den Plan nicht mit den Ländern abstimmen wird.'],
    ['fr', 'Le ministre a dit lundi que le gouvernement ne va pas changer la loi pour les écoles du pays.'],
    ['es', 'El ministro dijo el lunes que el gobierno no va a cambiar la ley para las escuelas del país.'],
    ['pt', 'O ministro disse que o governo não vai mudar a lei para as escolas do país e dos estados.'],
  ])('given %s prose, then its code, never English rules', (code, text) => {
    expect(detectLanguage(text)).toBe(code);
  });

  it('given a non-Latin script, then the script decides', () => {
    expect(detectLanguage('Министр заявил в понедельник, что правительство не изменит закон о школах.')).toBe(
      'ru',
    );
    expect(detectLanguage('政府表示将在明年增加对学校的投资，以改善农村地区的教育条件。')).toBe('zh');
  });

  it('given too little text, then English by default', () => {
    expect(detectLanguage('Budget vote')).toBe('en');
  });
});
