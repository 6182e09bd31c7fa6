import { describe, expect, it } from 'vitest';
import { readTextDoc } from '../src/nlp/document.js';
import { messageLanguage } from '../src/nlp/language.js';
import { analyze } from '../src/nlp/analyze.js';

const lang = (text: string) => {
  const doc = readTextDoc(text);
  return messageLanguage(doc, doc.type.filter((t) => t === 'word').length);
};

describe('message language', () => {
  it('tells common European languages from English by their function words', () => {
    expect(lang('Hola, el pedido llegó tarde y la caja estaba rota. ¿Me podéis devolver el dinero?')).toBe('es');
    expect(lang("Bonjour, ma commande n'est pas arrivée et je n'ai pas de nouvelles depuis une semaine.")).toBe('fr');
    expect(lang('Meu celular não liga desde ontem, já tentei de tudo e a loja não responde.')).toBe('pt');
    expect(lang('Seit gestern habe ich kein Netz und die Hotline ist nicht erreichbar.')).toBe('de');
    expect(lang('Mijn pakket is niet aangekomen en de bezorger was bij het verkeerde adres.')).toBe('nl');
  });

  it('keeps English with foreign names or words in it, and texts too short to tell, as English', () => {
    expect(lang('Yes all files, Mac, El Capitan')).toBe('en');
    expect(lang('The delivery to Casa de la Playa was late again, can you check the order?')).toBe('en');
    expect(lang('gracias!')).toBe('en');
    expect(lang('Thanks, sorted now')).toBe('en');
  });

  it('a message in another language carries no relational evidence the English lexicons would misread', () => {
    const a = analyze({ id: 'm1', customerId: 'c', channel: 'social', timestamp: '2025-01-01T10:00:00Z', text: 'Pero un cobro con la misma información me lo tomó, y un minuto después ya no. Es un problema de la tienda.' });
    expect(a.language).toBe('es');
    expect(a.signals).toEqual({});
    expect(a.evidence).toEqual([]);
    const en = analyze({ id: 'm2', customerId: 'c', channel: 'social', timestamp: '2025-01-01T10:00:00Z', text: 'Another hidden fee. This is a rip-off.' });
    expect(en.language).toBeUndefined();
    expect(Object.keys(en.signals)).toContain('distrust_exploitation');
  });
});
