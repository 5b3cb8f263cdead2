/*
 * Korean query normalisation for Material's search (the browser half of the korean-search plugin,
 * plugins/korean_search).
 *
 * The build splits Korean words in the search index into stems and particles ("컨테이너​를") and
 * compounds into their parts ("멀티​스테이지"). A reader types whole words, so each query term is
 * rewritten before it reaches the search worker:
 *   1. kept as typed when some index token starts with it ("컨테이너", "도커파일" if indexed whole);
 *   2. else without a trailing particle or ending ("컨테이너를" -> "컨테이너", "실행하기" -> "실행");
 *   3. else cut into index tokens, longest first ("멀티스테이지" -> "멀티 스테이지");
 *   4. else, for a typo, the closest index token one edit away ("컨테이녀" -> "컨테이너").
 * What the reader typed is text, never query syntax: lunr reads a leading - as NOT, + as MUST,
 * a:b as a field and ~ ^ * as operators, so "--from", "-p 8080:80" or ENTRYPOINT ["/app"] are cut
 * where the index text is cut (from; p 8080 80; entrypoint app). "Quoted words" stay a phrase.
 * A word or words the glossary (data/glossary.yml, emitted by the plugin as
 * search/korean-synonyms.json) lists in a synonym group also searches for the group's other
 * spellings that occur in the index ("도커파일" -> dockerfile, "base image" -> 기반 이미지).
 * The vocabulary is learned from the index the theme sends to its worker, tokenised with the
 * same separator. Material has no hook for this, so the worker's postMessage is wrapped: the
 * setup message (index) is read, query messages (a string) are rewritten; nothing else changes.
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

  let vocabulary = null   // sorted array of index tokens
  let counts = null       // index token -> occurrences (ranks typo candidates)
  let learn = null        // builds the vocabulary on first use
  let searchWorker = null // the worker that received the index
  let separator = null    // the index's token separator (mkdocs.yml, plugins.search.separator)
  let groups = null       // synonym groups from the glossary, null until loaded
  let synonyms = null     // spelling key -> its group

  const synonymsReady = loadSynonyms()

  function loadSynonyms() {
    try {
      const config = JSON.parse(document.getElementById("__config").textContent)
      const url = new URL("search/korean-synonyms.json", new URL(config.base + "/", location.href))
      return fetch(url)
        .then(response => response.ok ? response.json() : { groups: [] })
        .catch(() => ({ groups: [] }))
        .then(data => { groups = Array.isArray(data.groups) ? data.groups : [] })
    } catch (err) {
      groups = []
      return Promise.resolve()
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

  // The most frequent index token one edit from `word` (two for long Latin words), or null.
  // Short words are left alone: one edit from a two-syllable word is too many other words.
  function closest(word) {
    const hangul = HANGUL.test(word)
    if (word.length < (hangul ? 3 : 5)) return null
    const max = !hangul && word.length >= 8 ? 2 : 1
    let best = null, bestDistance = max + 1
    for (const token of vocabulary) {
      if (Math.abs(token.length - word.length) > max) continue
      const d = distance(word, token, max)
      if (d < bestDistance || (d === bestDistance && d <= max && counts.get(token) > counts.get(best))) {
        best = token
        bestDistance = d
      }
    }
    return bestDistance <= max ? best : null
  }

  // Greedy longest-match cut of a Hangul word into index tokens; null if it cannot be cut.
  // A remainder that matches no token may be a typo of one ("멀티스태이지" -> 멀티 스테이지), or,
  // when it is one or two syllables, a mistyped particle that is dropped ("레지스트리애서").
  function cut(word, fuzzy) {
    const parts = []
    for (let i = 0; i < word.length;) {
      let j = word.length
      // the last part may be a prefix of a token, the others must be whole tokens
      while (j > i && !(j === word.length ? known(word.slice(i, j)) : counts.has(word.slice(i, j))))
        j--
      if (j === i) {
        if (i > 0 && fuzzy && word.length - i <= 2) break
        const fixed = i > 0 && fuzzy ? closest(word.slice(i)) : null
        if (fixed === null) return null
        parts.push(fixed)
        break
      }
      parts.push(word.slice(i, j))
      i = j
    }
    return parts.length > 1 || (parts.length && parts[0] !== word) ? parts : null
  }

  function strip(word) {
    const forms = [word]
    for (const suffix of SUFFIXES)
      if (word.length > suffix.length && word.endsWith(suffix))
        forms.push(word.slice(0, -suffix.length))
    return forms
  }

  // fuzzy: may correct typos (not for a glossary spelling the index lacks, such as 다이제스트)
  function normaliseWord(word, fuzzy = true) {
    if (!HANGUL.test(word)) return known(word) || !fuzzy ? [word] : [closest(word) || word]
    const forms = strip(word)
    for (const form of forms)
      if (known(form)) return [form]
    // cut the particle-free forms first: "멀티스테이지로" is 멀티 + 스테이지, not 멀티 + 스테이지 + 로
    for (const form of [...forms.slice(1), forms[0]]) {
      const parts = (cut(form, fuzzy) || []).filter(part => !SUFFIXES.includes(part))
      if (parts.length) return parts
    }
    if (fuzzy) for (const form of [...forms.slice(1), forms[0]]) {
      const fixed = closest(form)
      if (fixed) return [fixed]
    }
    return [word]
  }

  // A typed word as index tokens: cut where the index text is cut ("multi-stage" -> multi stage,
  // "Dockerfile은" -> dockerfile + 은, particle dropped), then each piece normalised. A flag's
  // name ("-p", "--from=build") must occur exactly: "+p" asks lunr for that token and no prefix.
  function terms(word, fuzzy) {
    const flag = /^-+[a-z]/i.test(word)
    return word.toLowerCase().replace(OPERATORS, " ").split(separator)
      .filter((piece, i) => piece && piece.trim() && !(i > 0 && SUFFIXES.includes(piece)))
      .flatMap(piece => piece.trim().split(/\s+/))
      .flatMap(piece => normaliseWord(piece, fuzzy))
      .map((term, i) => flag && i === 0 ? `+${term}` : term)
  }

  // "Multi-stage build", ".dockerignore", "도커 파일" -> one key, however it is spaced or cut.
  function key(text) {
    return text.toLowerCase().replace(OPERATORS, " ").split(separator).join("").replace(/\s+/g, "")
  }

  function learnSynonyms() {
    synonyms = new Map()
    for (const group of groups || [])
      for (const spelling of group)
        if (typeof spelling === "string" && key(spelling)) synonyms.set(key(spelling), group)
  }

  // Glossary terms among the typed words (up to three words, a particle on the last one dropped):
  // [index of each word that is part of one, the spellings the notes use for those terms]. A
  // reader who typed a synonym ("베이스 이미지", "container", "진입점") gets the group's term and
  // English name, the two spellings the notes use, where the index has them. The term typed as
  // the notes spell it adds nothing, unless the index lacks it ("다이제스트" -> digest).
  function glossary(words) {
    const matched = new Set(), extra = []
    for (let i = 0; i < words.length;) {
      let n = Math.min(3, words.length - i)
      for (; n >= 1; n--) {
        const typed = key(words.slice(i, i + n).join(""))
        const form = strip(typed).find(f => synonyms.has(f))
        if (!form) continue
        const [term, english] = synonyms.get(form)
        if (form === key(term) && known(form)) continue
        for (let k = i; k < i + n; k++) matched.add(k)
        for (const spelling of [term, english])
          if (key(spelling) !== form)
            extra.push(...spelling.toLowerCase().split(separator)
              .flatMap(part => part.trim().split(/\s+/)).filter(Boolean)
              .flatMap(part => normaliseWord(part, false))
              .filter(part => known(part)))
        break
      }
      i += Math.max(n, 1)
    }
    return [matched, extra]
  }

  function normalise(query) {
    if (vocabulary === null) learn()
    // Material's own syntax that stays: "quoted words" must all occur (odd parts of the split).
    const parts = query.split(/"([^"]+)"/)
    const out = parts.map((part, index) => {
      const words = part.replace(/"/g, " ").trim().split(/\s+/).filter(Boolean)
      if (index & 1) return words.length ? `"${words.flatMap(word => terms(word, true)).join(" ")}"` : ""
      const [matched, more] = glossary(words)
      const searched = words.flatMap((word, i) => terms(word, !matched.has(i)))
      return [...new Set([...searched, ...more])].join(" ")
    })
    return out.filter(Boolean).join(" ")
  }

  function learnFrom(setup) {
    return function () {
      separator = new RegExp(setup.config.separator)
      counts = new Map()
      for (const doc of setup.docs)
        for (const field of [doc.title, doc.text])
          if (typeof field === "string")
            for (const token of field.replace(/<[^>]*>/g, " ").toLowerCase().split(new RegExp(separator, "g")))
              if (token) counts.set(token, (counts.get(token) || 0) + 1)
      vocabulary = [...counts.keys()].sort()
      learnSynonyms()
    }
  }

  function rewrite(message) {
    try {
      return { ...message, data: normalise(message.data) }
    } catch (err) {
      console.warn("korean-search: query left as typed", err)  // search must keep working
      return message
    }
  }

  const post = Worker.prototype.postMessage
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && typeof message === "object" && message.data) {
      const data = message.data
      if (data.config && typeof data.config.separator === "string" && Array.isArray(data.docs)) {
        searchWorker = this
        vocabulary = null
        learn = learnFrom(data)
      } else if (this === searchWorker && learn && typeof data === "string") {
        if (groups === null)  // the glossary is still on its way: ask once it is here, in order
          return void synonymsReady.then(() => post.call(this, rewrite(message), ...rest))
        message = rewrite(message)
      }
    }
    return post.call(this, message, ...rest)
  }
})()
