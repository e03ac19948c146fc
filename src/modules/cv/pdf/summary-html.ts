import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/**
 * The professional summary's sanitised HTML (TinyMCE's few formats: bullets, italic, underline,
 * bold) as blocks of styled text runs for the PDF. The HTML is parsed by htmlparser2 (the parser
 * sanitize-html itself uses) and the tree is walked; nothing here matches HTML with a regex.
 * Unknown elements contribute their text only, so even unsanitised input cannot inject layout.
 */
export interface TekstStykke {
  tekst: string;
  fed: boolean;
  kursiv: boolean;
  understreget: boolean;
}

export interface TekstBlok {
  /** 'afsnit': a paragraph; 'punkt': a bullet; 'nummer': an ordered-list item. */
  art: 'afsnit' | 'punkt' | 'nummer';
  /** Nesting depth of lists (0 outside lists). */
  niveau: number;
  /** For 'nummer': the item's number. */
  nummer?: number;
  stykker: TekstStykke[];
}

interface Stil {
  fed: boolean;
  kursiv: boolean;
  understreget: boolean;
}

const BLOK_ELEMENTER = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre']);
const SPRING_OVER = new Set(['script', 'style', 'head', 'title', 'template', 'noscript']);

/** Collapses runs of HTML whitespace to one space, as a browser does (no regex). */
function samlMellemrum(tekst: string): string {
  let ud = '';
  let forrigeVarMellemrum = false;
  for (const tegn of tekst) {
    const mellemrum = tegn === ' ' || tegn === '\n' || tegn === '\t' || tegn === '\r' || tegn === '\f';
    if (mellemrum) {
      if (!forrigeVarMellemrum) ud += ' ';
      forrigeVarMellemrum = true;
    } else {
      ud += tegn;
      forrigeVarMellemrum = false;
    }
  }
  return ud;
}

/** Reads one CSS declaration's value from a style attribute (TinyMCE writes underline as a span style). */
function cssVaerdi(style: string | undefined, egenskab: string): string | undefined {
  if (!style) return undefined;
  for (const deklaration of style.split(';')) {
    const kolon = deklaration.indexOf(':');
    if (kolon < 0) continue;
    if (deklaration.slice(0, kolon).trim().toLowerCase() === egenskab) return deklaration.slice(kolon + 1).trim().toLowerCase();
  }
  return undefined;
}

export function summaryHtmlToBlocks(html: string): TekstBlok[] {
  const dokument = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const blokke: TekstBlok[] = [];
  let aktuel: TekstBlok | undefined;

  const nyBlok = (art: TekstBlok['art'], niveau: number, nummer?: number) => {
    aktuel = { art, niveau, nummer, stykker: [] };
    blokke.push(aktuel);
  };
  const afslutBlok = () => {
    aktuel = undefined;
  };

  const gaa = (noder: ChildNode[], stil: Stil, niveau: number) => {
    for (const node of noder) {
      if (node.type === 'text') {
        const tekst = samlMellemrum(node.data);
        if (tekst === '') continue;
        if (!aktuel) {
          if (tekst === ' ') continue;
          nyBlok('afsnit', niveau);
        }
        aktuel!.stykker.push({ tekst, ...stil });
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const element = node as Element;
      const navn = element.name;
      if (SPRING_OVER.has(navn)) continue;
      if (navn === 'br') {
        // A line break starts a new line at the same indentation, without a new bullet.
        const art = aktuel?.art ?? 'afsnit';
        const n = aktuel?.niveau ?? niveau;
        nyBlok('afsnit', art === 'afsnit' ? n : n + 1);
        continue;
      }
      if (navn === 'ul' || navn === 'ol') {
        afslutBlok();
        let nummer = 0;
        for (const barn of element.children) {
          if (barn.type === 'tag' && (barn as Element).name === 'li') {
            nummer += 1;
            nyBlok(navn === 'ul' ? 'punkt' : 'nummer', niveau, navn === 'ol' ? nummer : undefined);
            gaa((barn as Element).children, stil, niveau + 1);
            afslutBlok();
          } else {
            gaa([barn], stil, niveau + 1);
          }
        }
        afslutBlok();
        continue;
      }
      const nyStil: Stil = {
        fed: stil.fed || navn === 'b' || navn === 'strong' || ['bold', '700', '800', '900'].includes(cssVaerdi(element.attribs.style, 'font-weight') ?? ''),
        kursiv: stil.kursiv || navn === 'i' || navn === 'em' || cssVaerdi(element.attribs.style, 'font-style') === 'italic',
        understreget: stil.understreget || navn === 'u' || (cssVaerdi(element.attribs.style, 'text-decoration') ?? '').includes('underline'),
      };
      if (BLOK_ELEMENTER.has(navn) || navn === 'li') {
        afslutBlok();
        gaa(element.children, nyStil, niveau);
        afslutBlok();
      } else {
        gaa(element.children, nyStil, niveau);
      }
    }
  };

  gaa(dokument.children, { fed: false, kursiv: false, understreget: false }, 0);

  // Trim each block's edges and drop empty blocks.
  const ud: TekstBlok[] = [];
  for (const blok of blokke) {
    const stykker = blok.stykker.filter((s) => s.tekst !== '');
    if (stykker.length > 0) {
      stykker[0] = { ...stykker[0], tekst: stykker[0].tekst.trimStart() };
      const sidste = stykker.length - 1;
      stykker[sidste] = { ...stykker[sidste], tekst: stykker[sidste].tekst.trimEnd() };
    }
    const ikkeTomme = stykker.filter((s) => s.tekst !== '');
    if (ikkeTomme.length > 0 || blok.art !== 'afsnit') ud.push({ ...blok, stykker: ikkeTomme });
  }
  return ud.filter((b) => b.stykker.length > 0);
}

/** The summary as plain text (one line per block, "• " before bullets), e.g. for tests and logs. */
export function blocksToPlainText(blokke: TekstBlok[]): string {
  return blokke
    .map((b) => `${b.art === 'punkt' ? '• ' : b.art === 'nummer' ? `${b.nummer}. ` : ''}${b.stykker.map((s) => s.tekst).join('')}`)
    .join('\n');
}
