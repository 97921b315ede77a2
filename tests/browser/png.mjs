// A minimal PNG reader (8-bit RGB/RGBA, not interlaced: what browsers' screenshots are), so that
// a test can check what a screenshot shows where no DOM access reaches (Firefox's extension frames).
import zlib from "node:zlib";

export function decodePng(buffer) {
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("ascii", offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9];
      if (data[8] !== 8 || data[12] !== 0 || (colorType !== 2 && colorType !== 6)) throw new Error("unsupported PNG");
    } else if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, bpp, pixels };
}

/** How many pixels inside `box` are within `tolerance` of the colour `[r, g, b]`. */
export function countColor(image, box, [r, g, b], tolerance = 12) {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(image.height, box.y + box.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(image.width, box.x + box.width); x++) {
      const i = (y * image.width + x) * image.bpp;
      if (Math.abs(image.pixels[i] - r) <= tolerance && Math.abs(image.pixels[i + 1] - g) <= tolerance && Math.abs(image.pixels[i + 2] - b) <= tolerance) n++;
    }
  }
  return n;
}

// ---- Reading the panel from a screenshot: WebDriver BiDi does not reach moz-extension frames,
// and in either browser a screenshot is what tells whether the panel can be seen.

export const PANEL_BOX = { x: 784, y: 136, width: 400, height: 600 };
const COLORS = {
  accent: [0x5b, 0x4e, 0xe6],
  ok: [0x17, 0x80, 0x3d],
  warn: [0x8a, 0x5a, 0x00],
  bad: [0xb3, 0x26, 0x1e],
};
const near = (p, i, [r, g, b]) => Math.abs(p[i] - r) < 14 && Math.abs(p[i + 1] - g) < 14 && Math.abs(p[i + 2] - b) < 14;

/**
 * What the panel shows: the colour of the status box's edge (`ok` for federated and signed-fetch-
 * only, `warn` for unverified and not federated, `bad` for failures), and where its main action
 * button is (the first accent-coloured run at least `minWidth` px wide); `actions`: every such
 * button, top to bottom, with its width at its top row.
 */
export function readPanel(png, { minWidth = 150 } = {}) {
  const img = decodePng(png);
  const p = img.pixels;
  const at = (x, y) => (y * img.width + x) * img.bpp;
  let edge = null;
  const actions = [];
  let inButton = false; // the row above had a wide accent run: the same button goes on
  for (let y = PANEL_BOX.y; y < PANEL_BOX.y + PANEL_BOX.height; y++) {
    let run = 0;
    let accent = 0; // a button's rows of text still have this many accent pixels between glyphs
    let wide = false;
    let found = null; // a button whose top row this is: its width is this row's longest run
    for (let x = PANEL_BOX.x; x < PANEL_BOX.x + PANEL_BOX.width; x++) {
      const i = at(x, y);
      if (!edge) for (const name of ["ok", "warn", "bad"]) if (near(p, i, COLORS[name]) && near(p, at(x, y + 20), COLORS[name])) edge = name;
      run = near(p, i, COLORS.accent) ? run + 1 : 0;
      if (run) accent++;
      if (run === minWidth && y > PANEL_BOX.y + 40) {
        if (!inButton && !wide) actions.push((found = { x: x - Math.round(minWidth / 2), y: y + 8, width: run }));
        wide = true;
      }
      if (found && run > found.width) found.width = run;
    }
    inButton = wide || (inButton && accent >= 50);
  }
  return { edge, action: actions[0] ?? null, actions };
}
