/*
 * Korean query normalisation for Material's search (the browser half of the korean-search plugin,
 * plugins/korean_search).
 *
 * The build splits Korean words in the search index into stems and particles ("컨테이너​를") and
 * compounds into their parts ("멀티​스테이지"). A reader types whole words, so each query word is
 * rewritten before it reaches the search worker:
 *   1. kept as typed when some index token starts with it ("컨테이너", "도커파일" if indexed whole);
 *   2. a verb or adjective form is reduced to its stem the way Kiwi reduced the site's own words
 *      (search/korean-words.json, written by the plugin: "멈춰요" -> 멈추 and the site's forms of it);
 *   3. else without a trailing particle or ending ("컨테이너를" -> "컨테이너", "실행하기" -> "실행");
 *   4. else cut into index tokens of two or more letters, longest first ("멀티스테이지" -> "멀티 스테이지");
 *   5. else, for a typo, the closest index token or glossary spelling one edit away, counted on
 *      Hangul letters (jamo), so "싱행" -> 실행 and "다이재스트" -> 다이제스트;
 *   6. else searched as typed: a word the index does not know is never cut into single syllables.
 * What the reader typed is text, never query syntax: lunr reads a leading - as NOT, + as MUST,
 * a:b as a field and ~ ^ * as operators, so "--from", "-p 8080:80" or ENTRYPOINT ["/app"] are cut
 * where the index text is cut (from; p 8080 80; entrypoint app). "Quoted words" stay a phrase.
 * A word or words the glossary (data/glossary.yml, emitted by the plugin as
 * search/korean-synonyms.json) lists in a synonym group, as typed or after a typo is corrected,
 * also searches for the group's term and English name where the index has them.
 *
 * The result list tells the truth about what the reader typed: the worker's per-result terms are
 * replaced before the theme renders them, so the "not found" line lists only typed words that
 * matched nothing (an expansion that matched counts for the word it came from), and the ?h=
 * highlight carries only pieces of what was typed, or its stem, of two letters or more.
 *
 * The vocabulary is learned from the index the theme sends to its worker, tokenised with the
 * same separator. Material has no hook for this, so the worker's postMessage is wrapped (the
 * setup message is read, query messages are rewritten) and so is the reading of its messages'
 * data (result messages get honest terms and lose the U+200B the index uses); nothing else changes.
 */
(function () {
  "use strict"

  // Particles and endings, longest first so "에서는" is tried before "는".
  const SUFFIXES = [
    "에서부터", "으로부터", "이라는", "이라고", "에서는", "에서도", "에게서", "으로는", "으로도", "이라면",
    "까지는", "부터는", "하려면", "하기를", "합니다", "입니다", "했다", "하기", "하는", "하고", "하면",
    "한다", "해서", "하여", "된다", "되는", "되면", "이란", "이다", "에서", "에게", "으로", "로는",
    "로도", "에는", "에도", "와는", "과는", "와의", "과의", "까지", "부터", "보다", "처럼", "마다",
    "이나", "이랑", "들을", "들이", "들은", "들의", "라는", "라고",
    "을", "를", "이", "가", "은", "는", "의", "에", "로", "와", "과", "도", "만", "나", "랑", "들", "란"
  ]
  const HANGUL = /[\uac00-\ud7a3]/
  const OPERATORS = /[+\-:~^*]/g  // lunr query syntax; as typed text they only separate words
  const ZWSP = /\u200b/g
  const RESULT = 3                // Material's SearchMessageType.RESULT

  let vocabulary = null   // sorted array of index tokens
  let counts = null       // index token -> occurrences (ranks typo candidates)
  let learn = null        // builds the vocabulary on first use
  let searchWorker = null // the worker that received the index
  let separator = null    // the index's token separator (mkdocs.yml, plugins.search.separator)
  let groups = null       // synonym groups from the glossary, null until loaded
  let synonyms = null     // spelling key -> its group
  let words = null        // {stems: {stem: [site forms]}, typed: {stem: [other forms]}} from Kiwi
  let stemOf = null       // any known form of a verb or adjective -> its stem
  let spellings = null    // typo candidates: index tokens and glossary spellings -> jamo
  const plans = []        // one per query posted, in order: what each typed word searched for
  const seen = new WeakSet()

  const ready = Promise.all([load("korean-synonyms.json", { groups: [] }), load("korean-words.json", {})])
    .then(([synonymData, wordData]) => {
      groups = Array.isArray(synonymData.groups) ? synonymData.groups : []
      words = wordData && typeof wordData.stems === "object" ? wordData : { stems: {}, typed: {} }
    })

  function load(name, fallback) {
    try {
      const config = JSON.parse(document.getElementById("__config").textContent)
      const url = new URL("search/" + name, new URL(config.base + "/", location.href))
      return fetch(url)
        .then(response => response.ok ? response.json() : fallback)
        .catch(() => fallback)
    } catch (err) {
      return Promise.resolve(fallback)
    }
  }

  // Is there an index token that starts with `prefix`? (binary search over the sorted tokens)
  function known(prefix) {
    let lo = 0, hi = vocabulary.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (vocabulary[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    return lo < vocabulary.length && vocabulary[lo].startsWith(prefix)
  }

  // Hangul syllables as three letters each (initial, vowel, final or a placeholder), so a typo
  // in one letter of a syllable (싱/실, 재/제) is one edit, as it is on the keyboard.
  function jamo(text) {
    let out = ""
    for (const ch of text) {
      const c = ch.charCodeAt(0) - 0xac00
      out += c >= 0 && c < 11172
        ? String.fromCharCode(0x1100 + Math.floor(c / 588), 0x1161 + Math.floor((c % 588) / 28), 0x11a7 + c % 28)
        : ch
    }
    return out
  }

  // Edit distance with adjacent transpositions (optimal string alignment), given up above `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1
    let prev2 = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
      const row = [i]
      let best = i
      for (let j = 1; j <= b.length; j++) {
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          d = Math.min(d, prev2[j - 2] + 1)
        row.push(d)
        best = Math.min(best, d)
      }
      if (best > max) return max + 1
      prev2 = prev
      prev = row
    }
    return prev[b.length]
  }

  // The most frequent index token or glossary spelling one edit from `word` (for Hangul, one
  // letter of one syllable; two for long words), or null. Hangul needs two syllables, Latin five.
  function closest(word) {
    const hangul = HANGUL.test(word)
    if (word.length < (hangul ? 2 : 5)) return null
    if (spellings === null) {
      spellings = new Map()
      for (const token of vocabulary) if (token.length > 1) spellings.set(token, jamo(token))
      for (const spelling of synonyms.keys()) if (!spellings.has(spelling)) spellings.set(spelling, jamo(spelling))
    }
    const max = word.length >= (hangul ? 5 : 8) ? 2 : 1
    const typed = jamo(word)
    let best = null, bestDistance = max + 1
    for (const [token, letters] of spellings) {
      if (Math.abs(letters.length - typed.length) > max) continue
      const d = distance(typed, letters, max)
      if (d < bestDistance || (d === bestDistance && d <= max && (counts.get(token) || 0) > (counts.get(best) || 0))) {
        best = token
        bestDistance = d
      }
    }
    return bestDistance <= max && best !== word ? best : null
  }

  // Greedy longest-match cut of a Hangul word into index tokens of two letters or more; null if
  // it cannot be cut. A remainder that matches no token may be a typo of one ("멀티스태이지" ->
  // 멀티 스테이지), or, when it is one or two syllables, a mistyped particle that is dropped.
  function cut(word, fuzzy) {
    const parts = []
    for (let i = 0; i < word.length;) {
      let j = word.length
      // the last part may be a prefix of a token, the others must be whole tokens
      while (j > i + 1 && !(j === word.length ? known(word.slice(i, j)) : counts.has(word.slice(i, j))))
        j--
      if (j === i + 1) {
        if (i > 0 && fuzzy && word.length - i <= 2) break
        const fixed = i > 0 && fuzzy ? closest(word.slice(i)) : null
        if (fixed === null) return null
        parts.push(fixed)
        break
      }
      parts.push(word.slice(i, j))
      i = j
    }
    return parts.length > 1 ? parts : null
  }

  function strip(word) {
    const forms = [word]
    for (const suffix of SUFFIXES)
      if (word.length > suffix.length && word.endsWith(suffix))
        forms.push(word.slice(0, -suffix.length))
    return forms
  }

  // A verb or adjective form the site's vocabulary knows: its stem, and the index tokens to search
  // (the stem where tokens start with it, and the site's forms that do not: 멈춘다, 멈춰). A stem of
  // one syllable (열, 쓰) is never searched alone: it starts too many other words; its forms are.
  function verb(word) {
    const stem = stemOf.get(word)
    if (stem === undefined) return null
    const long = stem.length > 1 && known(stem)
    const forms = (words.stems[stem] || []).filter(form => !(long && form.startsWith(stem)))
    return { stem, terms: [...new Set([...(long ? [stem] : []), ...forms])].slice(0, 6) }
  }

  // The closest glossary spelling of a mistyped word ("엔트리포인드" -> 엔트리포인트), before it is cut.
  function closestSpelling(word) {
    const fixed = closest(word)
    return fixed !== null && synonyms.has(fixed) ? fixed : null
  }

  // One typed piece as index tokens: {terms, stem, fixed}. fuzzy: may correct typos (not for a
  // glossary spelling the index lacks, such as 다이제스트).
  function normaliseWord(word, fuzzy) {
    if (!HANGUL.test(word)) {
      if (known(word) || !fuzzy) return { terms: [word] }
      const fixed = closest(word)
      return fixed ? { terms: [fixed], fixed } : { terms: [word] }
    }
    const forms = strip(word)
    for (const form of forms) {
      const found = verb(form)
      if (found && found.terms.length) return found
    }
    if (known(word)) return { terms: [word] }
    for (const form of forms.slice(1))
      if (form.length > 1 && known(form)) return { terms: [form] }
    if (fuzzy && !synonyms.has(word)) for (const form of forms) {
      const fixed = closestSpelling(form)
      if (fixed) return { terms: normaliseWord(fixed, false).terms, fixed }
    }
    // cut the particle-free forms first: "멀티스테이지로" is 멀티 + 스테이지, not 멀티 + 스테이지 + 로
    for (const form of [...forms.slice(1), forms[0]]) {
      const parts = (cut(form, fuzzy) || []).filter(part => !SUFFIXES.includes(part))
      if (parts.length) return { terms: parts }
    }
    if (fuzzy) for (const form of forms) {
      const fixed = closest(form)
      if (fixed) return { terms: [fixed], fixed }
    }
    return { terms: [word] }
  }

  // A typed word as index tokens: cut where the index text is cut ("multi-stage" -> multi stage,
  // "Dockerfile은" -> dockerfile + 은, particle dropped), then each piece normalised. A flag's
  // name ("-p", "--from=build") must occur exactly: "+p" asks lunr for that token and no prefix.
  // Returns {terms, stems, fixed}: the query terms, the stems found, the typo correction if any.
  function analyse(word, fuzzy) {
    const flag = /^-+[a-z]/i.test(word)
    const pieces = word.toLowerCase().replace(OPERATORS, " ").split(separator)
      .filter((piece, i) => piece && piece.trim() && !(i > 0 && SUFFIXES.includes(piece)))
      .flatMap(piece => piece.trim().split(/\s+/))
    const out = { terms: [], stems: [], fixed: null }
    for (const piece of pieces) {
      const found = normaliseWord(piece, fuzzy)
      out.terms.push(...found.terms)
      if (found.stem) out.stems.push(found.stem)
      if (found.fixed && pieces.length === 1) out.fixed = found.fixed
    }
    out.query = out.terms.map((term, i) => flag && i === 0 ? `+${term}` : term)
    return out
  }

  // "Multi-stage build", ".dockerignore", "도커 파일" -> one key, however it is spaced or cut.
  function key(text) {
    return text.toLowerCase().replace(OPERATORS, " ").split(separator).join("").replace(/\s+/g, "")
  }

  function learnWords() {
    synonyms = new Map()
    for (const group of groups || [])
      for (const spelling of group)
        if (typeof spelling === "string" && key(spelling)) synonyms.set(key(spelling), group)
    stemOf = new Map()
    for (const table of [words.typed || {}, words.stems || {}])
      for (const [stem, forms] of Object.entries(table))
        if (Array.isArray(forms)) for (const form of forms) stemOf.set(form, stem)
  }

  // The spellings the notes use for a glossary group that the index has: its term and English name.
  function expansions(group, typed) {
    const out = []
    for (const spelling of group.slice(0, 2))
      if (key(spelling) !== typed)
        out.push(...spelling.toLowerCase().split(separator)
          .flatMap(part => part.trim().split(/\s+/)).filter(Boolean)
          .flatMap(part => normaliseWord(part, false).terms)
          .filter(part => known(part)))
    return out
  }

  // Glossary terms among the typed words (up to three words, a particle on the last one dropped):
  // [{words: indexes of the words that spell one, extra: terms to add, replace: the words spell the
  // term another way}]. A reader who typed a
  // synonym ("베이스 이미지", "container", "진입점") gets the group's term and English name. The term
  // typed as the notes spell it adds nothing, unless the index lacks it ("다이제스트" -> digest).
  function glossary(typedWords) {
    const found = []
    for (let i = 0; i < typedWords.length;) {
      let n = Math.min(3, typedWords.length - i)
      for (; n >= 1; n--) {
        const typed = key(typedWords.slice(i, i + n).join(""))
        const form = strip(typed).find(f => synonyms.has(f))
        if (!form) continue
        const group = synonyms.get(form)
        if (form === key(group[0]) && known(form)) continue
        // another spelling of a term the index has: the words are searched as the notes spell it
        const replace = form !== key(group[0]) && expansions([group[0]], form).length > 0
        found.push({ words: Array.from({ length: n }, (_, k) => i + k), extra: expansions(group, form), replace })
        break
      }
      i += Math.max(n, 1)
    }
    return found
  }

  // What the highlight may carry for a typed word: pieces of it, or its stems, of two letters or
  // more. Never a typo's correction, a synonym, a single syllable or a single letter.
  function highlights(typed, found) {
    const text = typed.toLowerCase()
    return [...new Set([...found.terms.filter(term => text.includes(term)), ...found.stems])]
      .filter(term => [...term].length > 1)
  }

  // The query as sent to the worker, and the plan that reads its result: for each typed word,
  // the terms it searched for (its own and its expansions) and what may be highlighted for it.
  function normalise(query) {
    if (vocabulary === null) learn()
    const plan = []
    // Material's own syntax that stays: "quoted words" must all occur (odd parts of the split).
    const parts = query.split(/"([^"]+)"/)
    const out = parts.map((part, index) => {
      // a "word" of punctuation only ("[", "-") searches nothing and is nothing the reader looks for
      const typedWords = part.replace(/"/g, " ").trim().split(/\s+/).filter(word => key(word))
      if (index & 1) {
        const found = typedWords.map(word => analyse(word, true))
        typedWords.forEach((word, i) => plan.push({ typed: word, terms: found[i].terms, highlight: highlights(word, found[i]) }))
        return found.length ? `"${found.flatMap(f => f.query).join(" ")}"` : ""
      }
      const matched = glossary(typedWords)
      const inGlossary = new Set(matched.flatMap(m => m.words))
      const found = typedWords.map((word, i) => analyse(word, !inGlossary.has(i)))
      // synonym expansion after typo correction: "엔트리포인드" -> 엔트리포인트 -> entrypoint
      found.forEach((f, i) => {
        if (f.fixed && synonyms.has(f.fixed)) matched.push({ words: [i], extra: expansions(synonyms.get(f.fixed), f.fixed) })
      })
      const extra = typedWords.map(() => [])
      for (const m of matched) for (const i of m.words) extra[i].push(...m.extra)
      const light = typedWords.map((word, i) => highlights(word, found[i]))
      // Words that together spell a glossary term another way ("도커 이그노어", "베이스 이미지") are
      // searched as the notes spell that term: alone, "도커" would rank every page about Docker.
      for (const m of matched)
        if (m.words.length > 1 && m.replace)
          for (const i of m.words) found[i] = { ...found[i], terms: [], query: [] }
      typedWords.forEach((word, i) => plan.push({
        typed: word, terms: [...found[i].terms, ...extra[i]], highlight: light[i]
      }))
      return [...new Set([...found.flatMap(f => f.query), ...extra.flat()])].join(" ")
    })
    return { query: out.filter(Boolean).join(" "), plan }
  }

  function learnFrom(setup) {
    return function () {
      separator = new RegExp(setup.config.separator)
      counts = new Map()
      for (const doc of setup.docs || setup.items)
        for (const field of [doc.title, doc.text])
          if (typeof field === "string")
            for (const token of field.replace(/<[^>]*>/g, " ").toLowerCase().split(new RegExp(separator, "g")))
              if (token) counts.set(token, (counts.get(token) || 0) + 1)
      vocabulary = [...counts.keys()].sort()
      spellings = null
      learnWords()
    }
  }

  function rewrite(message) {
    try {
      const { query, plan } = normalise(message.data)
      plans.push(plan)
      return { ...message, data: query }
    } catch (err) {
      console.warn("korean-search: query left as typed", err)  // search must keep working
      plans.push(null)
      return message
    }
  }

  // The worker's terms for one result ({term: matched?}) as the reader's words: a typed word is
  // missing only when neither it nor an expansion of it matched; matched words add their highlights.
  function honest(terms, plan) {
    const out = {}
    for (const word of plan) {
      if (word.terms.some(term => terms[term] === true)) {
        for (const h of word.highlight) out[h] = true
      } else if (word.terms.some(term => terms[term] === false) && out[word.typed] !== true) {
        out[word.typed] = false
      }
    }
    return out
  }

  // The worker's boost for a matched item: score x (1 + boost^2), boost = 1 for a page (0 for a
  // section) + the share of query terms it matched.
  function boost(item, page) {
    const values = Object.values(item.terms || {})
    const share = values.length ? values.filter(Boolean).length / values.length : 0
    return 1 + (+page + share) ** 2
  }

  // Is a title nothing but what was searched for ("ENTRYPOINT" for entrypoint or 엔트리포인트,
  // "컨테이너 실행" for 컨테이너를 실행)? Every word of it, particles aside, starts with a query term.
  function titled(title, terms) {
    const words = title.replace(/<[^>]*>/g, " ").toLowerCase().split(new RegExp(separator, "g"))
      .filter(word => word && !SUFFIXES.includes(word))
    return words.length > 0 && words.every(word => terms.some(term => word.startsWith(term)))
  }

  // A result message, before the theme sees it: honest terms, no U+200B in what is shown, and a
  // page whose intro is empty (its text all in sections) is ranked and shown by its best section,
  // boosted as the page it stands for, instead of losing to pages that have an intro. A page or
  // section titled exactly what was searched for comes first.
  function receive(message) {
    if (!message || message.type !== RESULT || !message.data || !Array.isArray(message.data.items)) return
    if (!message.data.items.every(group => Array.isArray(group) && group.every(item => item && item.location !== undefined)))
      return  // not Material's result shape (another theme's worker): left as sent
    const plan = plans.shift()
    const terms = plan ? plan.flatMap(word => word.terms).filter(term => term.length > 1) : []
    const first = new Set()
    for (const group of message.data.items) {
      if (terms.length && group.some(item => item.score > 0 && titled(item.title || "", terms))) first.add(group)
      const article = group.find(item => !item.location.includes("#"))
      const best = group.find(item => item.location.includes("#"))
      if (article && best && !article.text.replace(/<[^>]*>/g, "").trim())
        best.score = Math.max(best.score * boost(best, true) / boost(best, false), article.score)
      group.sort((a, b) => b.score - a.score)
      for (const item of group) {
        if (plan && item.terms && Object.keys(item.terms).length) item.terms = honest(item.terms, plan)
        if (typeof item.title === "string") item.title = item.title.replace(ZWSP, "")
        if (typeof item.text === "string") item.text = item.text.replace(ZWSP, "")
      }
    }
    message.data.items.sort((a, b) => first.has(b) - first.has(a) || b[0].score - a[0].score)
  }

  const post = Worker.prototype.postMessage
  Worker.prototype.postMessage = function (message, ...rest) {
    const data = message && typeof message === "object" ? message.data : undefined
    // the index: Material sends {config, docs}, Zensical {config, items}, with the same fields
    if (data && data.config && typeof data.config.separator === "string" && (Array.isArray(data.docs) || Array.isArray(data.items))) {
      searchWorker = this
      vocabulary = null
      plans.length = 0
      learn = learnFrom(data)
    } else if (this === searchWorker && typeof data === "string") {
      // every query gets its place in `plans` (an empty one too: the worker answers it)
      if (!learn || !data.trim()) plans.push(null)
      else if (groups === null)  // the glossary is still on its way: ask once it is here, in order
        return void ready.then(() => post.call(this, rewrite(message), ...rest))
      else message = rewrite(message)
    }
    return post.call(this, message, ...rest)
  }

  // The theme creates its worker and subscribes to its messages before this script runs, so the
  // result is caught where every listener reads it: the first read of a message's data from the
  // search worker runs receive() on it, once, before any listener (the theme's included) sees it.
  const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data")
  Object.defineProperty(MessageEvent.prototype, "data", {
    ...data,
    get() {
      const value = data.get.call(this)
      if (searchWorker !== null && this.target === searchWorker && !seen.has(this)) {
        seen.add(this)
        try { receive(value) } catch (err) { console.warn("korean-search: result left as sent", err) }
      }
      return value
    }
  })
})()
