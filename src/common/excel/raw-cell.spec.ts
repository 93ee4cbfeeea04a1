import { capProblems, MAX_PROBLEMS, type SheetProblem } from './raw-cell';

describe('capProblems', () => {
  const many: SheetProblem[] = Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => ({
    sheet: 'DPA',
    row: i,
    column: 'G',
    code: 'X',
    message: 'm',
  }));

  it('keeps MAX_PROBLEMS entries, the last one counting the rest on the first problem’s sheet', () => {
    const capped = capProblems(many);
    expect(capped).toHaveLength(MAX_PROBLEMS);
    expect(capped[MAX_PROBLEMS - 2]).toEqual(many[MAX_PROBLEMS - 2]);
    expect(capped[MAX_PROBLEMS - 1]).toEqual({
      sheet: 'DPA',
      row: null,
      column: null,
      code: 'MORE_PROBLEMS',
      message: 'Dan 6 masalah lain; perbaiki yang di atas lalu unggah ulang.',
    });
  });

  it('names the given sheet, and leaves a short list as it is', () => {
    expect(capProblems(many, 'Target PK')[MAX_PROBLEMS - 1].sheet).toBe('Target PK');
    expect(capProblems(many.slice(0, 3))).toEqual(many.slice(0, 3));
    expect(capProblems([])).toEqual([]);
  });
});
