import { describe, expect, it } from 'vitest';
import { declaredHtmlCharset, htmlToText } from '../../../main/core/ingest/extractors/html-to-text.js';

describe('htmlToText', () => {
  it('keeps visible text with line structure, drops scripts, styles and comments', () => {
    const html = `<!doctype html><html><head><title>T</title><style>p{color:red}</style>
      <script>document.write('x')</script></head><body><!-- ẩn -->
      <h1>QUYẾT ĐỊNH</h1><p>Về việc <b>ban hành</b> quy chế</p>
      <table><tr><td>Số</td><td>08/2022/QĐ-TTg</td></tr></table><br>Hà&nbsp;Nội &amp; Huế &#7897; &#x1EA1;</body></html>`;
    const text = htmlToText(html);
    expect(text).toContain('QUYẾT ĐỊNH\n');
    expect(text).toContain('Về việc ban hành quy chế');
    expect(text).toContain('Số 08/2022/QĐ-TTg');
    expect(text).toContain('Hà Nội & Huế ộ ạ');
    expect(text).not.toMatch(/document\.write|color:red|ẩn|<|>/);
  });

  it('reads the charset an HTML file declares', () => {
    expect(declaredHtmlCharset(Buffer.from('<meta charset="windows-1258">'))).toBe('windows-1258');
    expect(
      declaredHtmlCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')),
    ).toBe('utf-8');
    expect(declaredHtmlCharset(Buffer.from('<p>none</p>'))).toBeNull();
  });
});
