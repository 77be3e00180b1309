/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const styles = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; background: #fff; }
h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
a { color: #1f5fbf; }
.muted { color: #667085; }
.mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e4e7ec; vertical-align: top; }
th { font-weight: 600; color: #475467; }
td.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: 12px; background: #ecfdf3; color: #067647; }
.badge.bad { background: #fef3f2; color: #b42318; }
.badge.open { background: #f2f4f7; color: #475467; }
.waterfall { display: grid; grid-template-columns: minmax(18rem, 40%) 1fr 5.5rem; column-gap: .75rem; }
.waterfall > div { padding: 3px 0; border-bottom: 1px solid #f2f4f7; min-width: 0; }
.axis { position: relative; height: 1.2rem; color: #667085; font-size: 12px; border-bottom: 1px solid #d0d5dd !important; }
.axis span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.axis span:first-child { transform: none; }
.axis span:last-child { transform: translateX(-100%); }
.label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.label .name { font-weight: 600; }
.label .detail { color: #667085; margin-left: .5rem; font-size: 12px; }
.row.error .name, .row.error .detail.flag { color: #b42318; }
.track { position: relative; }
.bar { position: absolute; top: 5px; height: 12px; min-width: 2px; border-radius: 2px; }
.legend { font-size: 12px; color: #475467; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 .3rem 0 .8rem; vertical-align: -1px; }
.bar.local, .swatch.local { background: #98a2b3; }
.bar.service, .swatch.service { background: #2e90fa; }
.bar.remote, .swatch.remote { background: #7a5af8; }
.bar.aws, .swatch.aws { background: #f79009; }
.bar.db, .swatch.db { background: #12b76a; }
.bar.error, .swatch.error { background: #f04438; }
.bar.open { background-image: repeating-linear-gradient(45deg, transparent 0 4px, rgba(255,255,255,.6) 4px 8px); }
.dur { text-align: right; white-space: nowrap; color: #475467; font-size: 12px; }
footer { margin-top: 1rem; font-size: 12px; }
`;

/** A whole page: inline styles only, no scripts. */
export function htmlPage(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${head}<style>${styles}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
