// Renders every BPMN model to docs/processes/<model>.svg and .png with bpmn-js, the viewer
// behind Camunda Modeler, in headless Chromium (Debian's chromium package).
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const models = resolve(here, '../src/main/resources/bpmn');
const out = resolve(here, '../../docs/processes');
const viewer = readFileSync(join(here, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
const css = ['diagram-js.css', 'bpmn-js.css']
  .map((name) => readFileSync(join(here, 'node_modules/bpmn-js/dist/assets', name), 'utf8'))
  .join('\n');

mkdirSync(out, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
try {
  for (const file of readdirSync(models).filter((f) => f.endsWith('.bpmn')).sort()) {
    const name = file.replace(/\.bpmn$/, '');
    const xml = readFileSync(join(models, file), 'utf8');
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><head><style>${css}
      html, body { margin: 0; background: white; font-family: Arial, sans-serif; }
      #canvas { width: 100vw; height: 100vh; }</style></head>
      <body><div id="canvas"></div></body></html>`);
    await page.addScriptTag({ content: viewer });
    const result = await page.evaluate(async (xml) => {
      const viewer = new BpmnJS({ container: '#canvas' });
      const { warnings } = await viewer.importXML(xml);
      const { svg } = await viewer.saveSVG();
      const box = viewer.get('canvas').getActiveLayer().getBBox();
      return { svg, warnings: warnings.map((w) => w.message), width: box.width, height: box.height };
    }, xml);
    if (result.warnings.length) {
      throw new Error(`${file}: bpmn-js warnings: ${result.warnings.join('; ')}`);
    }
    writeFileSync(join(out, `${name}.svg`), result.svg);
    // A page of just the SVG, screenshot at its own size.
    const width = Math.ceil(result.width) + 40;
    const height = Math.ceil(result.height) + 40;
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:white">${result.svg}</body></html>`);
    const svgBox = await page.$('svg');
    await svgBox.screenshot({ path: join(out, `${name}.png`), omitBackground: false });
    await page.close();
    console.log(`rendered ${name}: ${width}x${height}`);
  }
} finally {
  await browser.close();
}
