import { validateSync } from 'class-validator';
import { IsCleanText } from './clean-text.decorator';

class Note {
  @IsCleanText()
  title: unknown;

  @IsCleanText({ multiline: true })
  body: unknown;
}

function problems(title: unknown, body: unknown): string[] {
  const note = Object.assign(new Note(), { title, body });
  return validateSync(note).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('@IsCleanText', () => {
  it('passes clean text, and lines and tabs where the field may hold them', () => {
    expect(problems('王芳', 'first line\n\tsecond line')).toEqual([]);
  });

  it('names the problem and the field, never the value', () => {
    expect(problems('王\u0000芳', 'ok')).toEqual(['title must not contain NUL characters']);
    expect(problems('one\ntwo', 'a\u0007b')).toEqual([
      'title must be a single line (no line breaks or tabs)',
      'body must not contain control characters',
    ]);
  });

  it('leaves non-strings to the type check', () => {
    expect(problems(42, null)).toEqual([]);
  });
});
