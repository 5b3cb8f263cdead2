/*
 * Korean query normalisation for Material's search (the browser half of hooks/korean_search.py).
 *
 * The build splits Korean words in the search index into stems and particles ("컨테이너​를") and
 * compounds into their parts ("멀티​스테이지"). A reader types whole words, so each Hangul query
 * term is rewritten before it reaches the search worker:
 *   1. kept as typed when some index token starts with it ("컨테이너", "도커파일" if indexed whole);
 *   2. else without a trailing particle or ending ("컨테이너를" -> "컨테이너", "실행하기" -> "실행");
 *   3. else cut into index tokens, longest first ("멀티스테이지" -> "멀티 스테이지");
 * and a Korean spelling of a name the notes write in Latin letters adds that name ("도커파일" -> dockerfile).
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
  // Korean spellings of names the notes write in Latin letters: the English form is searched too.
  // Only file and instruction names belong here, never ordinary words.
  const LOANWORDS = {
    "도커파일": "dockerfile",
    "엔트리포인트": "entrypoint",
    "도커이그노어": "dockerignore",
    "헬스체크": "healthcheck"
  }

  let vocabulary = null   // sorted array of index tokens
  let tokens = null       // the same tokens as a set
  let learn = null        // builds the vocabulary on first use
  let searchWorker = null // the worker that received the index
  let separator = null    // the index's token separator (mkdocs.yml, plugins.search.separator)

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

  // Greedy longest-match cut of a Hangul word into index tokens; null if it cannot be cut.
  function cut(word) {
    const parts = []
    for (let i = 0; i < word.length;) {
      let j = word.length
      // the last part may be a prefix of a token, the others must be whole tokens
      while (j > i && !(j === word.length ? known(word.slice(i, j)) : tokens.has(word.slice(i, j))))
        j--
      if (j === i) return null
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

  function normaliseWord(word) {
    if (!HANGUL.test(word)) return [word]
    const forms = strip(word)
    for (const form of forms)
      if (known(form)) return [form]
    // cut the particle-free forms first: "멀티스테이지로" is 멀티 + 스테이지, not 멀티 + 스테이지 + 로
    for (const form of [...forms.slice(1), forms[0]]) {
      const parts = (cut(form) || []).filter(part => !SUFFIXES.includes(part))
      if (parts.length) return parts
    }
    return [word]
  }

  function normalise(query) {
    if (vocabulary === null) learn()
    const words = query.trim().split(/\s+/)
    const extra = []
    words.forEach((word, i) => {
      // "도커파일은", "도커 파일": the loanword with or without its space, particle stripped
      for (const joined of [word, word + (words[i + 1] || "")])
        for (const form of strip(joined.toLowerCase()))
          if (form in LOANWORDS) extra.push(LOANWORDS[form])
    })
    return [...words.map(term => {
      // leave the query syntax Material understands alone: "phrases", +required, -excluded, field:x
      if (!term || /^[+\-]|[":*^~]/.test(term)) return term
      // Cut the term where the index text is cut: "multi-stage" -> multi stage (Material would keep
      // it whole and lose the prefix match), "Dockerfile은" -> dockerfile + 은 (particle dropped).
      return term.toLowerCase().split(separator)
        .filter((piece, i) => piece && !(i > 0 && SUFFIXES.includes(piece)))
        .flatMap(normaliseWord)
        .join(" ")
    }), ...new Set(extra)].join(" ")
  }

  function learnFrom(setup) {
    return function () {
      separator = new RegExp(setup.config.separator)
      tokens = new Set()
      for (const doc of setup.docs)
        for (const field of [doc.title, doc.text])
          if (typeof field === "string")
            for (const token of field.replace(/<[^>]*>/g, " ").toLowerCase().split(new RegExp(separator, "g")))
              if (token) tokens.add(token)
      vocabulary = [...tokens].sort()
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
        try {
          message = { ...message, data: normalise(data) }
        } catch (err) {
          console.warn("korean-search: query left as typed", err)  // search must keep working
        }
      }
    }
    return post.call(this, message, ...rest)
  }
})()
