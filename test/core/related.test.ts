import { expect } from '@open-wc/testing';
import { MAX_QUERY_LENGTH, RELATED_WORDS, relatedSearch, searchText, type Report } from '@reportshelf/core';
import { longReport } from '../../stories/data.js';

const report: Report = {
  id: 'a',
  title: 'The Trafficking of Women in 2019: Réfugiées and the Law',
  summary:
    'Women and girls who were refugees: their journeys, their exploitation, and the shelters that took them in. Shelters, shelters, exploitation.',
  countries: ['Côte d’Ivoire'],
  regions: ['West Africa'],
  categories: ['Research'],
  authors: ['Ana Pérez'],
  organizations: ['IOM'],
};

describe('the search a report’s related reports are found by', () => {
  it('is its title’s words, then its places and categories, then its abstract’s commonest words, folded, without function words or numbers', () => {
    expect(relatedSearch(report).split(' ')).to.deep.equal([
      // The title (less "the", "of", "in", "and", a year and words under four letters).
      'trafficking',
      'women',
      'refugiees',
      // Places and categories, indexed as text.
      'cote',
      'ivoire',
      'west',
      'africa',
      'research',
      // The abstract's, commonest first, then the longer of those as common.
      'shelters',
      'exploitation',
      'refugees',
      'journeys',
      'girls',
      'took',
    ]);
  });

  it('is a search of bounded length, each of its words searched', () => {
    for (const one of [report, longReport]) {
      const q = relatedSearch(one);
      expect(q.split(' ').length).to.be.at.most(RELATED_WORDS);
      expect(q.length).to.be.at.most(MAX_QUERY_LENGTH);
      expect(searchText(q)).to.equal(q);
    }
    expect(
      relatedSearch({ ...report, title: 'The', summary: '', countries: [], regions: [], categories: [] }),
    ).to.equal('');
  });
});
