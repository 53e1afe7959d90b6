import { useMemo, useState } from 'react';
import { maskName, type ServiceView } from '@onedoor/protocol';
import type { KioskView } from '../kiosk-controller';
import type { Lang, VisitEvent } from '../visit-flow';
import { serviceChoice } from '../visit-flow';
import { availableBundles, commonHours, groupServices, searchCatalog, tileHours } from '../catalog';
import { FALLBACK_MATTERS } from '../config';
import { buildSearchIndex, searchEntries, type SearchEntry } from '../search';
import { t } from '../i18n';
import { Keyboard } from './Keyboard';

type Dispatch = (e: VisitEvent) => void;

export function Home({ view, dispatch }: { view: KioskView; dispatch: Dispatch }) {
  const { lang, elder, online, holder } = view.visit;
  const services = useMemo(() => view.snapshot?.services ?? [], [view.snapshot]);
  const groups = useMemo(() => groupServices(services), [services]);
  const bundles = useMemo(() => availableBundles(view.bundles, services), [view.bundles, services]);
  const index = useMemo(
    () => buildSearchIndex(searchCatalog(services, view.bundles, FALLBACK_MATTERS)),
    [services, view.bundles],
  );
  const [query, setQuery] = useState('');
  const [keyboard, setKeyboard] = useState(false);
  const results = useMemo(() => searchEntries(index, query), [index, query]);
  const byId = useMemo(() => new Map(services.map((s) => [s.id, s])), [services]);
  const hallHours = useMemo(() => commonHours(services, lang), [services, lang]);

  const choose = (s: ServiceView, label?: { zh: string; en: string; bundle?: string }) =>
    dispatch({ type: 'choose', choice: serviceChoice(s, label) });

  const bundleSection = bundles.length > 0 && (
    <section className="group bundles">
      <h2>
        {t(lang, 'bundles')} <small>{t(lang, 'bundleHint')}</small>
      </h2>
      <div className="tiles">
        {bundles.map((b) => {
          const s = byId.get(b.serviceId)!;
          return (
            <button
              key={b.name}
              className="tile bundle"
              disabled={!online || !s.openNow}
              onClick={() => choose(s, { zh: b.name, en: b.nameEn, bundle: b.name })}
            >
              <span className="tile-name">{lang === 'zh' ? b.name : b.nameEn}</span>
              {!elder && <span className="tile-sub">{lang === 'zh' ? b.covers : b.coversEn}</span>}
              {s.realName && <span className="badge">{t(lang, 'realName')}</span>}
            </button>
          );
        })}
      </div>
    </section>
  );

  return (
    <div className="home">
      {view.visit.green ? (
        // In the welcome line's place: the screen keeps its height, the tiles stay where they were.
        <h1 className="welcome green-unlocked" data-testid="green-unlocked">
          {t(lang, 'greenUnlocked', { name: view.visit.green.staffName })}{' '}
          <button className="secondary green-cancel" onClick={() => dispatch({ type: 'cancel' })}>
            {t(lang, 'cancel')}
          </button>
        </h1>
      ) : (
        <h1 className="welcome">{t(lang, 'welcome')}</h1>
      )}
      {holder && <p className="card-read">{t(lang, 'cardRead', { name: maskName(holder.name) })}</p>}

      {!elder && (
        <div className="search">
          <input
            className="search-input"
            type="search"
            inputMode="none"
            value={query}
            placeholder={t(lang, 'searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
            onFocus={() => setKeyboard(true)}
            aria-label={t(lang, 'searchPlaceholder')}
          />
          {query && (
            <button className="search-clear" onClick={() => setQuery('')}>
              {t(lang, 'clear')}
            </button>
          )}
        </div>
      )}
      {!elder && keyboard && (
        <Keyboard
          onKey={(k) => setQuery((q) => (k === '⌫' ? q.slice(0, -1) : q + k))}
          onClose={() => setKeyboard(false)}
        />
      )}

      {query.trim() ? (
        <section className="results" aria-label="search results">
          {results.length === 0 && <p className="empty">{t(lang, 'searchNone')}</p>}
          {results.map((r) => (
            <SearchHit key={`${r.kind}:${r.label}`} hit={r} lang={lang} byId={byId} online={online} onPick={choose} />
          ))}
        </section>
      ) : (
        <>
          {!elder && bundleSection}
          {/* A group is as wide as its tiles (up to three); the stylesheet lays the groups out per screen shape. */}
          <div className="groups">
            {groups.map((g) => (
              <section className="group" key={g.name} data-size={Math.min(g.services.length, 3)}>
                <h2>{lang === 'zh' ? g.name : g.nameEn}</h2>
                <div className="tiles">
                  {g.services.map((s) => (
                    <ServiceTile
                      key={s.id}
                      service={s}
                      lang={lang}
                      elder={elder}
                      online={online}
                      hours={tileHours(s, hallHours, lang)}
                      onPick={() => choose(s)}
                    />
                  ))}
                </div>
              </section>
            ))}
          </div>
          {elder && bundleSection}
        </>
      )}
    </div>
  );
}

function ServiceTile({
  service: s,
  lang,
  elder,
  online,
  hours,
  onPick,
}: {
  service: ServiceView;
  lang: Lang;
  elder: boolean;
  online: boolean;
  /** This service's opening hours when they differ from the hall's (or it is closed now); '' = nothing to add. */
  hours: string;
  onPick: () => void;
}) {
  const name = lang === 'zh' ? s.name : s.nameEn || s.name;
  return (
    <button className="tile" disabled={!online || !s.openNow} onClick={onPick} data-service={s.id}>
      <span className="tile-name">{name}</span>
      {lang === 'en' && s.nameEn && <span className="tile-sub">{s.name}</span>}
      <span className="tile-meta">
        {s.openNow ? (
          <>
            {t(lang, 'waiting')} <b>{s.waiting}</b> {t(lang, 'people')}
            {!elder && s.waiting > 0 && <> · {t(lang, 'aboutMinutes', { n: Math.round(s.estimatedWaitMinutes) })}</>}
          </>
        ) : (
          <span className="closed">{t(lang, 'closedNow')}</span>
        )}
      </span>
      {hours && (
        <span className="tile-hours" data-testid="tile-hours">
          {hours}
        </span>
      )}
      {s.realName && <span className="badge">{t(lang, 'realName')}</span>}
      <span className="prefix" aria-hidden>
        {s.prefix}
      </span>
    </button>
  );
}

function SearchHit({
  hit,
  lang,
  byId,
  online,
  onPick,
}: {
  hit: SearchEntry;
  lang: Lang;
  byId: Map<string, ServiceView>;
  online: boolean;
  onPick: (s: ServiceView, label?: { zh: string; en: string; bundle?: string }) => void;
}) {
  const kind =
    hit.kind === 'matter'
      ? t(lang, 'kindMatter')
      : hit.kind === 'bundle'
        ? t(lang, 'kindBundle')
        : t(lang, 'kindService');
  const targets = hit.serviceIds.map((id) => byId.get(id)).filter((s): s is ServiceView => Boolean(s));
  return (
    <div className={`hit hit-${hit.kind}`}>
      <div className="hit-title">
        <span className="hit-kind">{kind}</span>
        <span className="hit-label">{lang === 'zh' ? hit.label : hit.labelEn}</span>
      </div>
      <div className="hit-targets">
        {targets.map((s) => (
          <button
            key={s.id}
            className="hit-go"
            disabled={!online || !s.openNow}
            onClick={() =>
              onPick(
                s,
                hit.kind === 'service'
                  ? undefined
                  : { zh: hit.label, en: hit.labelEn, ...(hit.kind === 'bundle' ? { bundle: hit.label } : {}) },
              )
            }
          >
            {hit.kind === 'service'
              ? t(lang, 'takeNumber')
              : t(lang, 'matterAt', { s: lang === 'zh' ? s.name : s.nameEn || s.name })}
            {s.realName && <span className="badge small">{t(lang, 'realName')}</span>}
          </button>
        ))}
      </div>
    </div>
  );
}
