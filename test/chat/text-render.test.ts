import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/briefing/blocks.ts';
import { renderReplyText, stripControls } from '../../src/chat/text-render.ts';

const source = { title: 'Seed', url: 'https://global.example/seed', feedName: 'Global Wire' };

describe('renderReplyText', () => {
  const reply: Reply = {
    visibility: 'public',
    summary: 's',
    blocks: [
      { type: 'heading', text: 'Briefing: the last 24 h' },
      {
        type: 'story',
        title: 'Troops story',
        sources: [source, { ...source, feedName: 'Daily Two', url: 'https://d.example/2' }],
        analysed: true,
      },
      {
        type: 'dispute',
        topic: 'troops',
        sides: [
          { label: 'Global Wire', text: '7,000 troops', source },
          { label: 'Daily Two', text: '5,000 troops', source },
        ],
      },
      {
        type: 'figure',
        text: '$270 billion',
        unit: 'USD',
        about: 'European defense',
        equivalent: '£199 billion',
        sentence: 'It had cost $270 billion (£199 billion).',
        source,
      },
      {
        type: 'story',
        title: 'Streik',
        sources: [source],
        analysed: false,
        note: 'not analysed (language: de)',
      },
    ],
  };

  it('given a briefing, then stories, sources, disputes and figures read as plain text', () => {
    const text = renderReplyText(reply);
    expect(text).toContain('== Briefing: the last 24 h ==');
    expect(text).toContain(
      '▸ Troops story\n  2 sources:\n    Global Wire · https://global.example/seed\n    Daily Two · https://d.example/2',
    );
    expect(text).toContain('⚠ Sources disagree: troops\n    Global Wire: 7,000 troops');
    expect(text).toContain('# $270 billion (£199 billion) [USD] — European defense');
    expect(text).toContain('[not analysed (language: de)]');
  });

  it('given feed text with terminal escape sequences, then they are removed', () => {
    const evil: Reply = {
      visibility: 'public',
      summary: 's',
      blocks: [
        {
          type: 'story',
          title: 'Hi\u001b[2J\u001b]0;pwned\u0007 there\u0008',
          sources: [source],
          analysed: true,
        },
      ],
    };
    const text = renderReplyText(evil);
    expect(text).toContain('▸ Hi there');
    expect(stripControls('a\u001b[31mb\u009bc\nd')).toBe('ab' + 'c\nd');
  });
});
