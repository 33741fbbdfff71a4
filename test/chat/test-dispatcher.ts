import type { Reply } from '../../src/briefing/blocks.ts';
import type { CommandRequest, Dispatcher } from '../../src/chat/port.ts';

/** A small Dispatcher for adapter tests: records requests and answers from a per-command function. */
export class TestDispatcher implements Dispatcher {
  readonly runs: CommandRequest[] = [];
  readonly completions: (CommandRequest & { option: string; partial: string })[] = [];

  constructor(
    private readonly answer: (request: CommandRequest) => Reply | Promise<Reply>,
    private readonly names: string[] = ['Volodymyr Zelensky', 'Jens Stoltenberg', 'Olaf Scholz'],
  ) {}

  async run(request: CommandRequest): Promise<Reply> {
    this.runs.push(request);
    return this.answer(request);
  }

  async complete(request: CommandRequest & { option: string; partial: string }): Promise<string[]> {
    this.completions.push(request);
    const partial = request.partial.toLowerCase();
    return this.names.filter((n) => n.toLowerCase().includes(partial));
  }
}

/** A source link for test blocks. */
export const SOURCE = {
  title: 'Troops gather',
  url: 'https://news.example/a?id=1',
  feedName: 'Example News',
};

/** A briefing with `count` claims under one story, for splitting tests. */
export function longBriefing(count: number, visibility: Reply['visibility'] = 'public'): Reply {
  const blocks: Reply['blocks'] = [
    { type: 'heading', text: 'Morning briefing' },
    { type: 'story', title: 'Troops gather at the border', sources: [SOURCE], analysed: true },
  ];
  for (let i = 0; i < count; i += 1) {
    const claim = `claim number ${i} says that the ${'very '.repeat(20)}long process continues as planned`;
    blocks.push({
      type: 'claim',
      claimant: `Official ${i}`,
      claim,
      sentence: `${claim}, Official ${i} said on Tuesday in a statement to reporters gathered there.`,
      source: SOURCE,
    });
  }
  return { blocks, visibility, summary: `Morning briefing: ${count} claims` };
}
