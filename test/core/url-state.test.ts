import { expect } from '@open-wc/testing';
import { decodeQuery, encodeQuery } from '@reportshelf/core';

describe('URL state', () => {
  it('encodes only what differs from the defaults', () => {
    const params = encodeQuery({
      q: 'child labour',
      filters: { region: ['Europe', 'West Africa'], country: ['Côte d’Ivoire'] },
      yearFrom: 2015,
      yearTo: 2020,
      sort: 'newest',
      page: 2,
    });
    expect(params.toString()).to.equal(
      'q=child+labour&region=Europe&region=West+Africa&country=C%C3%B4te+d%E2%80%99Ivoire&year=2015-2020&sort=newest&page=2',
    );
    expect(encodeQuery({}).toString()).to.equal('');
  });

  it('decodes what it encodes', () => {
    const params = new URLSearchParams(
      'q=child+labour&region=Europe&region=West+Africa&year=2015-2020&sort=newest&page=2',
    );
    expect(decodeQuery(params)).to.deep.equal({
      q: 'child labour',
      filters: { region: ['Europe', 'West Africa'] },
      yearFrom: 2015,
      yearTo: 2020,
      sort: 'newest',
      page: 2,
    });
  });

  it('reads open and single-year ranges', () => {
    expect(decodeQuery(new URLSearchParams('year=2015-'))).to.deep.equal({ yearFrom: 2015 });
    expect(decodeQuery(new URLSearchParams('year=-2015'))).to.deep.equal({ yearTo: 2015 });
    expect(decodeQuery(new URLSearchParams('year=2015'))).to.deep.equal({ yearFrom: 2015, yearTo: 2015 });
  });

  it('keeps the choice about reports without a year, and only a clear one', () => {
    expect(encodeQuery({ yearFrom: 2015, undated: true }).toString()).to.equal('year=2015-&undated=1');
    expect(encodeQuery({ undated: false }).toString()).to.equal('undated=0');
    expect(decodeQuery(new URLSearchParams('year=2015-&undated=1'))).to.deep.equal({ yearFrom: 2015, undated: true });
    expect(decodeQuery(new URLSearchParams('undated=0'))).to.deep.equal({ undated: false });
    expect(decodeQuery(new URLSearchParams('undated=yes'))).to.deep.equal({});
    // Another prefix's choice is left alone.
    expect(encodeQuery({}, 'a-', new URLSearchParams('b-undated=1&a-undated=0')).toString()).to.equal('b-undated=1');
  });

  it('keeps instances apart by prefix and leaves the page’s own parameters alone', () => {
    const params = new URLSearchParams('lang=fr&a-q=one');
    encodeQuery({ q: 'two', page: 3 }, 'b-', params);
    expect(params.toString()).to.equal('lang=fr&a-q=one&b-q=two&b-page=3');
    expect(decodeQuery(params, 'a-')).to.deep.equal({ q: 'one' });
    expect(decodeQuery(params, 'b-')).to.deep.equal({ q: 'two', page: 3 });
    encodeQuery({}, 'b-', params);
    expect(params.toString()).to.equal('lang=fr&a-q=one');
  });

  it('ignores unknown and malformed parameters without throwing', () => {
    const odd =
      'foo=bar&sort=sideways&page=-3&page2=4&year=soon&year2=1&size=0&region=&country=' +
      'x'.repeat(400) +
      '&q=%E0%A4%A';
    expect(() => decodeQuery(new URLSearchParams(odd))).not.to.throw();
    const decoded = decodeQuery(new URLSearchParams(odd));
    expect(decoded.sort).to.equal(undefined);
    expect(decoded.page).to.equal(undefined);
    expect(decoded.filters).to.equal(undefined);
    expect(decoded.yearFrom).to.equal(undefined);
    expect(decodeQuery(new URLSearchParams('page=abc&year=20-15-10'))).to.deep.equal({});
  });

  it('writes a page size only when it is not the library’s own (a visitor’s choice), and reads it back', () => {
    // The library's page size is 25 (its page-size attribute): a visitor who chose 10 must keep 10.
    expect(encodeQuery({ pageSize: 10 }, '', undefined, 25).toString()).to.equal('size=10');
    expect(encodeQuery({ pageSize: 25 }, '', undefined, 25).toString()).to.equal('');
    expect(encodeQuery({ pageSize: 25 }).toString()).to.equal('size=25');
    expect(decodeQuery(new URLSearchParams('size=50'))).to.deep.equal({ pageSize: 50 });
  });
});
