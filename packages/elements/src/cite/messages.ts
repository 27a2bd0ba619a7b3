/** The strings of the cite and export panels, loaded with them; a page rewords them as `messages.cite`. */
export interface CiteMessages {
  /** The heading of one report's citation. */
  reference: string;
  copy: string;
  copied: string;
  /** Downloads of one report, or of the results: "Download RIS". */
  download: (format: string) => string;
  /** With sync-url: the address of the page showing this report alone. */
  copyLink: string;
  linkCopied: string;
  /** The export panel's note, with the count as the interface says it: "12 reports: every page of these results, in this order." */
  exportNote: (reports: string) => string;
  /** What each export format is for. */
  formats: Record<'csv' | 'ris' | 'bibtex' | 'csl-json', string>;
  /** While a large export's reports are fetched: "Preparing 12,000 reports…", a progress bar, and Cancel. */
  preparing: (reports: string) => string;
  cancel: string;
  /** Copying was refused (a frame without clipboard permission): the text is selected instead. */
  copyRefused: string;
}

const formats = (spreadsheet: string, managers: string) => ({
  csv: `CSV (${spreadsheet})`,
  ris: `RIS (${managers})`,
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
});

export const CITE_MESSAGES: Record<string, CiteMessages> = {
  en: {
    reference: 'Reference (APA 7)',
    copy: 'Copy reference',
    copied: 'Reference copied',
    download: (format) => `Download ${format}`,
    copyLink: 'Copy link to this report',
    linkCopied: 'Link copied',
    exportNote: (reports) => `${reports}: every page of these results, in this order.`,
    formats: formats('spreadsheet', 'Zotero, EndNote, Mendeley'),
    preparing: (reports) => `Preparing ${reports}…`,
    cancel: 'Cancel',
    copyRefused: 'This page may not copy for you: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.',
  },
  fr: {
    reference: 'Référence (APA 7)',
    copy: 'Copier la référence',
    copied: 'Référence copiée',
    download: (format) => `Télécharger ${format}`,
    copyLink: 'Copier le lien vers ce rapport',
    linkCopied: 'Lien copié',
    exportNote: (reports) => `${reports} : toutes les pages de ces résultats, dans cet ordre.`,
    formats: formats('tableur', 'Zotero, EndNote, Mendeley'),
    preparing: (reports) => `Préparation de ${reports}…`,
    cancel: 'Annuler',
    copyRefused:
      'Cette page ne peut pas copier pour vous : le texte est sélectionné, appuyez sur Ctrl+C (⌘C sur Mac) pour le copier.',
  },
  es: {
    reference: 'Referencia (APA 7)',
    copy: 'Copiar la referencia',
    copied: 'Referencia copiada',
    download: (format) => `Descargar ${format}`,
    copyLink: 'Copiar el enlace a este informe',
    linkCopied: 'Enlace copiado',
    exportNote: (reports) => `${reports}: todas las páginas de estos resultados, en este orden.`,
    formats: formats('hoja de cálculo', 'Zotero, EndNote, Mendeley'),
    preparing: (reports) => `Preparando ${reports}…`,
    cancel: 'Cancelar',
    copyRefused:
      'Esta página no puede copiar por usted: el texto está seleccionado, pulse Ctrl+C (⌘C en Mac) para copiarlo.',
  },
  ar: {
    reference: 'المرجع (APA 7)',
    copy: 'نسخ المرجع',
    copied: 'تم نسخ المرجع',
    download: (format) => `تنزيل ${format}`,
    copyLink: 'نسخ رابط هذا التقرير',
    linkCopied: 'تم نسخ الرابط',
    exportNote: (reports) => `${reports}: كل صفحات هذه النتائج، بهذا الترتيب.`,
    formats: formats('جدول بيانات', 'Zotero وEndNote وMendeley'),
    preparing: (reports) => `جارٍ تجهيز ${reports}…`,
    cancel: 'إلغاء',
    copyRefused: 'لا يمكن لهذه الصفحة النسخ نيابةً عنك: النص محدد، اضغط Ctrl+C (أو ⌘C على Mac) لنسخه.',
  },
};
