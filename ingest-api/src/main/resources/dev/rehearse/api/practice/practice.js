// The practice page: a candidate starts an interview, hears each question (the question audio
// endpoint, fetched with the token and played from a blob URL), and answers by microphone (recorded
// here, sent as 16-bit PCM WAV) or by typing. Each answer's metrics are shown as they arrive on the
// session's WebSocket, or from the answer's reply when that comes first.
//
// The token comes from the URL fragment (#access_token=…) or the sign-in field and is kept in this
// tab's sessionStorage. It goes in the Authorization header of every request; only the WebSocket,
// which a browser cannot give headers, carries it in its URL, as the API asks.
(function () {
  'use strict';

  var API = '/ai-interview';
  var TOKEN_KEY = 'rehearse.practice.token';
  var token = null;
  var session = null; // { id, questionCount }
  var current = null; // the question shown: { index, text }
  var socket = null;
  var recording = null;
  var questionUrl = null;
  var finished = false;

  function $(id) {
    return document.getElementById(id);
  }

  // ---- the token -------------------------------------------------------------------------------

  function takeToken() {
    var fragment = new URLSearchParams(location.hash.slice(1));
    var given = fragment.get('access_token');
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      // the token leaves the address bar and the history at once
      history.replaceState(null, '', location.pathname);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  /** The token's claims, read to greet the caller; the API checks the token on every call. */
  function claims(jwt) {
    try {
      var part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      while (part.length % 4 !== 0) {
        part += '=';
      }
      var bytes = Uint8Array.from(atob(part), function (c) {
        return c.charCodeAt(0);
      });
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null;
    }
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    closeSocket();
    ['start', 'interview', 'finished', 'not-for-role'].forEach(function (id) {
      $(id).hidden = true;
    });
    $('sign-out').hidden = true;
    $('who').textContent = '';
    $('sign-in').hidden = false;
    status(message || '');
  }

  function status(text) {
    $('status').textContent = text;
  }

  // ---- the API ---------------------------------------------------------------------------------

  function Unauthorized() {}

  /** A request with the token; resolves to the reply's status and JSON body. */
  function call(path, init) {
    init.headers = init.headers || {};
    init.headers.Authorization = 'Bearer ' + token;
    init.headers.Accept = 'application/json';
    init.cache = 'no-store';
    return fetch(API + path, init).then(function (r) {
      if (r.status === 401) {
        signOut('The API did not accept this token (expired or not valid): sign in again.');
        throw new Unauthorized();
      }
      return r.json().then(function (json) {
        if (!r.ok) {
          var error = new Error(json.detail || json.title || 'HTTP ' + r.status);
          error.status = r.status;
          throw error;
        }
        return { status: r.status, body: json };
      });
    });
  }

  function postJson(path, body) {
    return call(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
  }

  function failed(what) {
    return function (e) {
      if (!(e instanceof Unauthorized)) {
        status(what + ': ' + e.message);
      }
    };
  }

  // ---- the interview ---------------------------------------------------------------------------

  function startInterview(e) {
    e.preventDefault();
    var spec = {
      type: $('type').value,
      role: $('role').value.trim(),
      questionCount: Number($('question-count').value)
    };
    $('start-form').querySelector('button').disabled = true;
    status('Starting the interview…');
    postJson('/sessions', spec)
      .then(function (r) {
        session = { id: r.body.id, questionCount: r.body.questionCount };
        finished = false;
        current = null;
        $('answers').replaceChildren();
        $('answers-section').hidden = true;
        $('start').hidden = true;
        $('finished').hidden = true;
        $('interview').hidden = false;
        document.body.dataset.session = session.id;
        status(r.status === 202 ? 'The interviewer is preparing the first question…' : '');
        if (r.body.question) {
          showQuestion(r.body.question);
        }
        connect(session.id);
      })
      .catch(failed('The interview could not start'))
      .then(function () {
        $('start-form').querySelector('button').disabled = false;
      });
  }

  /** Shows a question, unless it is one already shown; fetches its audio. */
  function showQuestion(q) {
    if (finished || (current && q.index <= current.index)) {
      return;
    }
    current = { index: q.index, text: q.text };
    var of = session.questionCount ? ' of ' + session.questionCount : '';
    $('question-heading').textContent = 'Question ' + (q.index + 1) + of;
    $('question-text').textContent = q.text;
    $('interview').dataset.question = String(q.index);
    $('typed').value = '';
    setAnswering(true);
    loadQuestionAudio(q.index);
  }

  function loadQuestionAudio(index) {
    var box = $('question-audio');
    var player = $('question-player');
    box.dataset.state = 'loading';
    delete box.dataset.duration;
    $('question-audio-note').textContent = 'Fetching the spoken question…';
    player.removeAttribute('src');
    fetch(API + '/sessions/' + session.id + '/questions/' + index + '/audio', {
      headers: { Authorization: 'Bearer ' + token },
      cache: 'no-store'
    })
      .then(function (r) {
        if (!r.ok) {
          return r.json().then(function (problem) {
            var error = new Error(problem.detail || 'HTTP ' + r.status);
            error.status = r.status;
            throw error;
          });
        }
        box.dataset.provider = r.headers.get('X-Speech-Provider') || '';
        return r.blob();
      })
      .then(function (blob) {
        if (!current || current.index !== index) {
          return; // a later question is shown already
        }
        if (questionUrl) {
          URL.revokeObjectURL(questionUrl);
        }
        questionUrl = URL.createObjectURL(blob);
        player.src = questionUrl;
        box.dataset.state = 'ready';
        $('question-audio-note').textContent = '';
        // browsers may refuse to start sound by themselves; the controls are there to press play
        player.play().catch(function () {});
      })
      .catch(function (e) {
        box.dataset.state = 'unavailable';
        $('question-audio-note').textContent =
          e.status === 503
            ? 'The question cannot be spoken on this server: read it above.'
            : 'The spoken question could not be fetched: ' + e.message;
      });
  }

  function setAnswering(on) {
    $('record').disabled = !on;
    $('type-form').querySelector('button').disabled = !on;
  }

  /** An answer's outcome (the reply to a typed or spoken answer): metrics, then what comes next. */
  function onTurn(r, asked) {
    if (r.status === 202) {
      status('The interviewer has not answered yet; the answer is kept and will be measured.');
      return;
    }
    status('');
    var t = r.body;
    if (t.metrics && t.index !== undefined && t.index !== null) {
      showMetrics(t.index, asked, t.metrics, t.transcript, 'reply');
    }
    if (t.next) {
      showQuestion(t.next);
    }
    if (t.status === 'completed') {
      finish(t.summary);
    }
  }

  function finish(summary) {
    if (finished) {
      return;
    }
    finished = true;
    setAnswering(false);
    $('interview').hidden = true;
    $('finished').hidden = false;
    $('summary').textContent = summary
      ? 'You answered ' +
        summary.answers +
        ' of ' +
        summary.questionsAsked +
        ' questions' +
        (summary.provisionalScore !== undefined && summary.provisionalScore !== null
          ? ', provisional score ' + summary.provisionalScore + ' of 100.'
          : '.')
      : 'The interview is over.';
    closeSocket();
  }

  function sendTyped(e) {
    e.preventDefault();
    var text = $('typed').value.trim();
    if (!text || !current) {
      return;
    }
    var asked = current;
    setAnswering(false);
    pendingAnswer(asked);
    status('Sending your answer…');
    postJson('/sessions/' + session.id + '/message', { text: text })
      .then(function (r) {
        onTurn(r, asked);
      })
      .catch(function (err) {
        setAnswering(true);
        failed('The answer was not accepted')(err);
      });
  }

  // ---- the microphone --------------------------------------------------------------------------

  function startRecording() {
    if (!navigator.mediaDevices || !window.AudioWorkletNode) {
      status('This browser cannot record here: type your answer instead.');
      return;
    }
    setAnswering(false);
    navigator.mediaDevices
      .getUserMedia({
        audio: {
          channelCount: 1,
          echoCancellation: false,
          noiseSuppression: false,
          autoGainControl: false
        }
      })
      .then(function (stream) {
        var context = new AudioContext();
        return context.audioWorklet.addModule('/practice/recorder.js').then(function () {
          var source = context.createMediaStreamSource(stream);
          var node = new AudioWorkletNode(context, 'rehearse-recorder');
          var mute = context.createGain();
          mute.gain.value = 0;
          var blocks = [];
          node.port.onmessage = function (m) {
            blocks.push(m.data);
          };
          source.connect(node);
          // a node the output pulls on keeps being processed; the gain of 0 keeps it silent
          node.connect(mute);
          mute.connect(context.destination);
          recording = {
            stream: stream,
            context: context,
            node: node,
            blocks: blocks,
            started: Date.now()
          };
          $('stop').disabled = false;
          $('recording').textContent = 'Recording…';
          $('recording').classList.add('live');
          document.body.dataset.recording = 'on';
        });
      })
      .catch(function (e) {
        setAnswering(true);
        status('The microphone could not be used (' + e.message + '): type your answer instead.');
      });
  }

  function stopAndSend() {
    if (!recording || !current) {
      return;
    }
    var r = recording;
    recording = null;
    $('stop').disabled = true;
    $('recording').classList.remove('live');
    document.body.dataset.recording = 'off';
    r.stream.getTracks().forEach(function (track) {
      track.stop();
    });
    r.node.disconnect();
    var rate = r.context.sampleRate;
    r.context.close();
    var wav = encodeWav(r.blocks, rate);
    var seconds = (wav.size - 44) / 2 / rate;
    $('recording').textContent = 'Sending ' + seconds.toFixed(1) + ' s of audio…';
    var asked = current;
    pendingAnswer(asked);
    call('/sessions/' + session.id + '/audio', {
      method: 'POST',
      headers: { 'Content-Type': 'audio/wav' },
      body: wav
    })
      .then(function (reply) {
        $('recording').textContent = '';
        onTurn(reply, asked);
      })
      .catch(function (e) {
        $('recording').textContent = '';
        setAnswering(true);
        failed('The recording was not accepted')(e);
      });
  }

  /** The blocks (Float32Array, -1…1) as a mono 16-bit PCM WAV file. */
  function encodeWav(blocks, rate) {
    var frames = blocks.reduce(function (n, b) {
      return n + b.length;
    }, 0);
    var view = new DataView(new ArrayBuffer(44 + frames * 2));
    function ascii(at, text) {
      for (var i = 0; i < text.length; i++) {
        view.setUint8(at + i, text.charCodeAt(i));
      }
    }
    ascii(0, 'RIFF');
    view.setUint32(4, 36 + frames * 2, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true); // PCM
    view.setUint16(22, 1, true); // mono
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    ascii(36, 'data');
    view.setUint32(40, frames * 2, true);
    var at = 44;
    blocks.forEach(function (b) {
      for (var i = 0; i < b.length; i++) {
        var s = Math.max(-1, Math.min(1, b[i]));
        view.setInt16(at, s < 0 ? s * 0x8000 : s * 0x7fff, true);
        at += 2;
      }
    });
    return new Blob([view.buffer], { type: 'audio/wav' });
  }

  // ---- the answers and their metrics -----------------------------------------------------------

  function answerItem(index) {
    return $('answer-' + index);
  }

  /** The answer's entry, waiting for its metrics. */
  function pendingAnswer(asked) {
    $('answers-section').hidden = false;
    var li = answerItem(asked.index);
    if (!li) {
      li = document.createElement('li');
      li.id = 'answer-' + asked.index;
      $('answers').appendChild(li);
    }
    li.dataset.state = 'waiting';
    var p = document.createElement('p');
    p.className = 'asked';
    p.textContent = asked.text;
    var wait = document.createElement('p');
    wait.className = 'note';
    wait.textContent = 'Measuring your answer…';
    li.replaceChildren(p, wait);
  }

  function number(v, digits) {
    return typeof v === 'number' ? String(Number(v.toFixed(digits))) : null;
  }

  var TEXT_METRICS = [
    ['wordCount', 'Words', 0, ''],
    ['wordsPerMinute', 'Words per minute', 0, ''],
    ['fillerCount', 'Filler words', 0, ''],
    ['pauseCount', 'Pauses', 0, ''],
    ['lexicalDiversity', 'Lexical diversity', 2, ''],
    ['pace', 'Pace', null, ''],
    ['fluency', 'Fluency', null, ''],
    ['conciseness', 'Conciseness', null, '']
  ];

  var AUDIO_METRICS = [
    ['speechMs', 'Speech', 0, ' ms'],
    ['silenceMs', 'Silence', 0, ' ms'],
    ['pauseCount', 'Pauses heard', 0, ''],
    ['longestPauseMs', 'Longest pause', 0, ' ms'],
    ['estimatedWordsPerMinute', 'Estimated words per minute', 0, ''],
    ['pitchMeanHz', 'Mean pitch', 0, ' Hz'],
    ['pitchStdSemitones', 'Pitch variation', 2, ' semitones'],
    ['loudnessStdDb', 'Loudness variation', 1, ' dB']
  ];

  function metricList(values, rows, prefix) {
    var dl = document.createElement('dl');
    rows.forEach(function (row) {
      var v = values[row[0]];
      var shown = row[2] === null ? (typeof v === 'string' ? v : null) : number(v, row[2]);
      if (shown === null) {
        return;
      }
      var dt = document.createElement('dt');
      dt.textContent = row[1];
      var dd = document.createElement('dd');
      dd.dataset.metric = prefix + row[0];
      dd.dataset.value = String(v);
      dd.textContent = shown + row[3];
      dl.append(dt, dd);
    });
    return dl;
  }

  /** Shows an answer's metrics once; the stream's event and the reply carry the same ones. */
  function showMetrics(index, asked, metrics, transcript, source) {
    $('answers-section').hidden = false;
    var li = answerItem(index);
    if (li && li.dataset.state === 'measured') {
      return;
    }
    if (!li) {
      pendingAnswer(asked || { index: index, text: '' });
      li = answerItem(index);
    }
    var question = li.querySelector('.asked');
    if (asked && asked.text) {
      question.textContent = asked.text;
    }
    var parts = [question, metricList(metrics, TEXT_METRICS, '')];
    if (metrics.audio) {
      var h = document.createElement('h4');
      h.textContent = 'From your voice';
      parts.push(h, metricList(metrics.audio, AUDIO_METRICS, 'audio.'));
    }
    if (transcript) {
      var t = document.createElement('p');
      t.className = 'note transcript';
      t.textContent = 'Heard: ' + transcript;
      parts.push(t);
    } else if (metrics.audio && !metrics.wordCount) {
      var none = document.createElement('p');
      none.className = 'note transcript';
      none.textContent =
        'No transcriber heard the words on this server, so the text measures are empty;' +
        ' the voice measures are from the recording itself.';
      parts.push(none);
    }
    li.replaceChildren.apply(li, parts);
    li.dataset.state = 'measured';
    li.dataset.source = source;
  }

  // ---- the session's events --------------------------------------------------------------------

  function connect(sessionId) {
    closeSocket();
    var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var url =
      scheme +
      '//' +
      location.host +
      API +
      '/sessions/' +
      sessionId +
      '/stream?access_token=' +
      encodeURIComponent(token);
    var ws = new WebSocket(url);
    socket = ws;
    ws.onopen = function () {
      document.body.dataset.stream = 'open';
    };
    ws.onmessage = function (m) {
      var event;
      try {
        event = JSON.parse(m.data);
      } catch (e) {
        return;
      }
      onEvent(event);
    };
    ws.onclose = function () {
      if (socket === ws) {
        socket = null;
        document.body.dataset.stream = 'closed';
      }
    };
  }

  function closeSocket() {
    if (socket) {
      var ws = socket;
      socket = null;
      ws.close();
    }
  }

  function onEvent(event) {
    if (!session || event.sessionId !== session.id) {
      return;
    }
    if (event.type === 'answer-analyzed') {
      showMetrics(
        event.index,
        { index: event.index, text: event.question },
        event.metrics,
        // a spoken answer's text is what a transcriber heard; a typed one's is the candidate's own
        event.metrics && event.metrics.audio ? event.answer : null,
        'stream'
      );
      // the reply may have shown the metrics first; the stream brought them all the same
      answerItem(event.index).dataset.streamed = 'true';
    } else if (event.type === 'question-asked') {
      status('');
      showQuestion({ index: event.index, text: event.text });
    } else if (event.type === 'session-completed') {
      finish(event.summary);
    }
  }

  // ---- the page --------------------------------------------------------------------------------

  function start() {
    token = takeToken();
    if (!token) {
      signOut('');
      return;
    }
    var c = claims(token);
    if (!c) {
      signOut('This is not an access token: sign in again.');
      return;
    }
    var roles = Array.isArray(c.roles) ? c.roles : [];
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    status('');
    $('who').textContent = 'Signed in as ' + c.sub;
    if (roles.indexOf('candidate') < 0 && roles.indexOf('admin') < 0) {
      $('not-for-role').hidden = false;
      $('not-for-role-text').textContent =
        'Interviews are practised with a candidate token; this one grants ' +
        (roles.length ? roles.join(', ') : 'no role') +
        '.';
      return;
    }
    $('start').hidden = false;
  }

  $('sign-in-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var given = $('token').value.trim();
    $('token').value = '';
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      start();
    }
  });
  $('sign-out').addEventListener('click', function () {
    signOut('Signed out.');
  });
  $('start-form').addEventListener('submit', startInterview);
  $('type-form').addEventListener('submit', sendTyped);
  $('record').addEventListener('click', startRecording);
  $('stop').addEventListener('click', stopAndSend);
  $('again').addEventListener('click', function () {
    $('finished').hidden = true;
    $('start').hidden = false;
  });
  $('question-player').addEventListener('loadedmetadata', function () {
    $('question-audio').dataset.duration = String($('question-player').duration);
  });
  start();
})();
