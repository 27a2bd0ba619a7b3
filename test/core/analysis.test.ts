import { expect } from '@open-wc/testing';
import { analyse, analysed, arabicStem, foldText, queryTerms } from '@reportshelf/core';

/** The index terms of a text in a language. */
const terms = (text: string, language: string) => analyse(text, analysed(language));

describe('words by language', () => {
  it('stems English words and leaves out its stop words', () => {
    expect(terms('The trafficked women and the trafficking of children', 'en')).to.deep.equal([
      'traffick',
      'woman',
      'traffick',
      'child',
    ]);
    expect(terms('How to identify victims in humanitarian settings', 'en')).to.deep.equal([
      'identifi',
      'victim',
      'humanitarian',
      'set',
    ]);
  });

  it('stems French and Spanish words, accents or not, and leaves out their stop words', () => {
    expect(terms('La protection des migrants et des migrantes', 'fr')).to.deep.equal(['protect', 'migr', 'migr']);
    expect(terms('Les victimes de la traite', 'fr')).to.deep.equal(terms('victime traites', 'fr'));
    expect(terms('Sécurité', 'fr')).to.deep.equal(terms('securite', 'fr'));
    expect(terms('Los niños y las niñas migrantes', 'es')).to.deep.equal(['nin', 'nin', 'migrant']);
    expect(terms('protección de víctimas', 'es')).to.deep.equal(terms('proteccion victima', 'es'));
  });

  it('keeps stop words in a title (so that a search of only those finds it), when asked', () => {
    expect(analyse('The Way of the World', analysed('en'), true)).to.deep.equal(['the', 'wai', 'of', 'the', 'world']);
  });

  it('folds other languages only, and reads a language tag by its first part', () => {
    expect(terms('Die Kinder', 'de')).to.deep.equal(['die', 'kinder']);
    expect(analysed('fr-CA')).to.equal('fr');
    expect(analysed('ES')).to.equal('es');
    expect(analysed(undefined)).to.equal('en');
  });

  it('normalises Arabic letters: alef variants, alef maqsura, taa marbuta, harakat, tatweel', () => {
    expect(foldText('أإآٱا')).to.equal('ااااا');
    expect(foldText('مستشفى')).to.equal('مستشفي');
    expect(foldText('حماية')).to.equal('حمايه');
    expect(foldText('الأَطْفَال')).to.equal('الاطفال');
    expect(foldText('العـــربية')).to.equal('العربيه');
  });

  it('stems Arabic lightly: the article and its prefixed forms, then common suffixes', () => {
    expect(arabicStem(foldText('الأطفال'))).to.equal('اطفال');
    expect(arabicStem(foldText('والأطفال'))).to.equal('اطفال');
    expect(arabicStem(foldText('بالبشر'))).to.equal('بشر');
    expect(arabicStem(foldText('للأطفال'))).to.equal('اطفال');
    expect(arabicStem(foldText('اللاجئين'))).to.equal(arabicStem(foldText('لاجئ')));
    expect(arabicStem(foldText('المهاجرات'))).to.equal(arabicStem(foldText('مهاجر')));
    expect(arabicStem(foldText('الحماية'))).to.equal(arabicStem(foldText('حماية')));
    // Two letters at least are kept.
    expect(arabicStem('من')).to.equal('من');
    // Arabic words are stemmed as Arabic in a report of any language.
    expect(terms('الاتجار بالبشر', 'en')).to.deep.equal(terms('الاتجار بالبشر', 'ar'));
  });

  it('analyses a searched word in every language of the catalogue', () => {
    expect(queryTerms('migrants', ['en', 'fr'])).to.deep.equal({ terms: ['migrant', 'migr'], stop: false });
    // A stop word in one of them is a stop word.
    expect(queryTerms('de', ['en', 'fr']).stop).to.equal(true);
    expect(queryTerms('de', ['en']).stop).to.equal(false);
  });
});
