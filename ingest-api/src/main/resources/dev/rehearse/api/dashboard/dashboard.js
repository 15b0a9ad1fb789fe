// The dashboard page: programme views for analysts, cohort views for cohort admins. It calls the
// API with the caller's token, taken from the URL fragment (#access_token=…) or the sign-in field
// and kept in this tab's sessionStorage; it never puts the token in a URL query.
(function () {
  'use strict';

  var API = '/ai-interview';
  var TOKEN_KEY = 'rehearse.dashboard.token';
  var SCORE_AXIS = 'score (points of 100)';
  var token = null;

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

  /** The token's claims, read to choose the view; the API checks the token on every call. */
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
    ['programme', 'cohorts', 'not-for-role'].forEach(function (id) {
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

  function api(path, body) {
    var headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
    var init = { headers: headers, cache: 'no-store' };
    if (body !== undefined) {
      init.method = 'POST';
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    var url = path.indexOf(API + '/') === 0 ? path : API + path;
    return fetch(url, init).then(function (r) {
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
        return json;
      });
    });
  }

  function query(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== null && params[k] !== '') {
        q.set(k, params[k]);
      }
    });
    var s = q.toString();
    return s ? '?' + s : '';
  }

  // ---- panels ----------------------------------------------------------------------------------

  function panel(id) {
    return $('panel-' + id);
  }

  function chartBox(id) {
    return panel(id).querySelector('.chart');
  }

  function note(id, text) {
    panel(id).querySelector('.note').textContent = text || '';
  }

  function clear(id) {
    var box = chartBox(id);
    var chart = echarts.getInstanceByDom(box);
    if (chart) {
      chart.dispose();
    }
    box.replaceChildren();
    return box;
  }

  /** Draws a chart (SVG) into the panel. */
  function draw(id, option, text) {
    var box = chartBox(id);
    if (box.classList.contains('empty')) {
      clear(id);
      box.classList.remove('empty');
    }
    var chart = echarts.getInstanceByDom(box) || echarts.init(box, null, { renderer: 'svg' });
    chart.setOption(option, true);
    note(id, text);
    panel(id).dataset.state = 'ready';
  }

  /** Replaces the panel's chart by a plain message: a group too small, no data, or an error. */
  function message(id, state, title, text, extra) {
    var box = clear(id);
    box.classList.add('empty');
    var div = document.createElement('div');
    div.className = 'too-small';
    var strong = document.createElement('strong');
    strong.textContent = title;
    var span = document.createElement('span');
    span.textContent = text;
    div.append(strong, span);
    box.append(div);
    note(id, extra);
    panel(id).dataset.state = state;
  }

  function tooSmall(id, title, candidates, min) {
    message(
      id,
      'too-small',
      title,
      'Too small a group to show: ' +
        plural(candidates, 'candidate') +
        (candidates === 1 ? ' matches' : ' match') +
        ', and values are shown for groups of ' +
        min +
        ' or more.'
    );
  }

  function failed(id, title, error) {
    if (!(error instanceof Unauthorized)) {
      message(id, 'error', title, 'Could not load: ' + error.message);
    }
  }

  function plural(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }

  function base(title, subtitle) {
    return {
      animation: false,
      title: { text: title, subtext: subtitle, left: 'center' },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { top: 72, left: 64, right: 64, bottom: 88 }
    };
  }

  /** Every category is labelled (none hidden to avoid overlaps); many are slanted to fit. */
  function categoryAxis(name, data) {
    var slanted = data.length > 6;
    return {
      type: 'category',
      name: name,
      nameLocation: 'middle',
      nameGap: slanted ? 48 : 28,
      data: data,
      axisLabel: { interval: 0, rotate: slanted ? 30 : 0 }
    };
  }

  function valueAxis(name, extra) {
    var axis = { type: 'value', name: name, nameLocation: 'middle', nameGap: 44 };
    return Object.assign(axis, extra || {});
  }

  function bars(name, data, extra) {
    var s = { name: name, type: 'bar', data: data, label: { show: true, position: 'top' } };
    return Object.assign(s, extra || {});
  }

  function resizeAll() {
    document.querySelectorAll('.chart').forEach(function (box) {
      var chart = echarts.getInstanceByDom(box);
      if (chart) {
        chart.resize();
      }
    });
  }

  // ---- the programme: analysts -----------------------------------------------------------------

  function programmeQuery() {
    return { type: $('filter-type').value, role: $('filter-role').value.trim() };
  }

  function loadProgramme() {
    var q = programmeQuery();
    ['trend', 'score', 'type', 'pace', 'words'].forEach(function (id) {
      delete panel(id).dataset.state;
    });
    summary(q);
    trend(q);
    distribution(q, 'score', {
      metric: 'provisionalScore',
      title: 'Score distribution',
      subtitle: 'completed sessions by provisional score',
      axis: SCORE_AXIS
    });
    byType(q);
    distribution(q, 'pace', {
      metric: 'averageWordsPerMinute',
      title: 'Speaking pace',
      subtitle: 'completed sessions by average words per minute',
      axis: 'pace (words per minute)'
    });
    distribution(q, 'words', {
      metric: 'totalWords',
      title: 'Answer length',
      subtitle: 'completed sessions by words spoken in the session',
      axis: 'length (words per session)'
    });
  }

  function summary(q) {
    api('/analytics/summary' + query(q))
      .then(function (s) {
        var text =
          plural(s.sessions, 'completed session') + ' by ' + plural(s.candidates, 'candidate');
        if (s.suppressed) {
          text += '. Too small a group to show scores: values are shown for ' + s.minGroupSize;
          text += ' or more candidates.';
        } else if (s.average != null) {
          text += '; average score ' + s.average + ', median ' + s.percentiles.p50 + '.';
        }
        $('programme-summary').textContent = text;
      })
      .catch(function (e) {
        if (!(e instanceof Unauthorized)) {
          $('programme-summary').textContent = 'Could not load the summary: ' + e.message;
        }
      });
  }

  function trend(q) {
    var title = 'Completed sessions per day';
    api('/analytics/trends' + query(Object.assign({ interval: 'day' }, q)))
      .then(function (t) {
        if (t.points.length === 0) {
          message('trend', 'empty', title, 'No completed sessions match.');
          return;
        }
        var hidden = t.points.filter(function (p) {
          return p.suppressed;
        }).length;
        var option = base(title, 'sessions and their average provisional score, by day (UTC)');
        option.xAxis = categoryAxis(
          'day (UTC)',
          t.points.map(function (p) {
            return p.start.slice(0, 10);
          })
        );
        option.yAxis = [
          valueAxis('sessions', { minInterval: 1 }),
          valueAxis('average ' + SCORE_AXIS, { min: 0, max: 100, position: 'right' })
        ];
        option.series = [
          bars(
            'Sessions',
            t.points.map(function (p) {
              return p.sessions;
            })
          ),
          {
            name: 'Average score',
            type: 'line',
            yAxisIndex: 1,
            connectNulls: false,
            label: { show: true, position: 'top' },
            data: t.points.map(function (p) {
              return p.average == null ? null : p.average;
            })
          }
        ];
        draw(
          'trend',
          option,
          hidden > 0
            ? plural(hidden, 'day') +
                ' had fewer than ' +
                t.minGroupSize +
                ' candidates: too small a group, so no average is shown for ' +
                (hidden === 1 ? 'it.' : 'them.')
            : ''
        );
      })
      .catch(function (e) {
        failed('trend', title, e);
      });
  }

  function distribution(q, id, spec) {
    api('/analytics/distribution' + query(Object.assign({ metric: spec.metric }, q)))
      .then(function (d) {
        if (d.suppressed) {
          tooSmall(id, spec.title, d.candidates, d.minGroupSize);
          return;
        }
        if (d.buckets.length === 0) {
          message(id, 'empty', spec.title, 'No completed sessions with this measure match.');
          return;
        }
        var option = base(spec.title, spec.subtitle);
        option.xAxis = categoryAxis(
          spec.axis,
          d.buckets.map(function (b) {
            return b.from + '–' + (b.from + d.bucketWidth);
          })
        );
        option.yAxis = valueAxis('sessions', { minInterval: 1 });
        option.series = [
          bars(
            'Sessions',
            d.buckets.map(function (b) {
              return b.count;
            })
          )
        ];
        draw(id, option, plural(d.candidates, 'candidate') + ' in this group.');
      })
      .catch(function (e) {
        failed(id, spec.title, e);
      });
  }

  function byType(q) {
    var title = 'Average score by interview type';
    api('/analytics/breakdown' + query(Object.assign({ by: 'type' }, q)))
      .then(function (b) {
        var hidden = b.suppressedGroups || 0;
        var fewer =
          plural(hidden, 'interview type') +
          ' had fewer than ' +
          b.minGroupSize +
          ' candidates';
        if (b.groups.length === 0) {
          if (hidden > 0) {
            message('type', 'too-small', title, 'Too small a group to show: ' + fewer + '.');
          } else {
            message('type', 'empty', title, 'No completed sessions match.');
          }
          return;
        }
        var hiddenText = hidden > 0 ? fewer + ': too small a group to show.' : '';
        var option = base(title, 'average provisional score of completed sessions');
        option.xAxis = categoryAxis(
          'interview type',
          b.groups.map(function (g) {
            return g.group;
          })
        );
        option.yAxis = valueAxis('average ' + SCORE_AXIS, { min: 0, max: 100 });
        option.series = [
          bars(
            'Average score',
            b.groups.map(function (g) {
              return g.average == null ? null : g.average;
            })
          )
        ];
        draw('type', option, hiddenText);
      })
      .catch(function (e) {
        failed('type', title, e);
      });
  }

  // ---- cohorts: cohort admins ------------------------------------------------------------------

  function loadCohorts() {
    api('/cohorts')
      .then(function (list) {
        var select = $('cohort');
        select.replaceChildren();
        list.cohorts.forEach(function (c) {
          var option = document.createElement('option');
          option.value = c.id;
          option.textContent = c.name + ' (' + plural(c.memberCount, 'member') + ')';
          select.append(option);
        });
        if (list.cohorts.length === 0) {
          $('cohort-summary').textContent = 'You have no cohorts yet.';
          message('members', 'empty', "Members' progress", 'No cohort to show.');
          message('cohort-score', 'empty', 'Score distribution', 'No cohort to show.');
          message('dimensions', 'empty', 'Dimension averages against everyone', 'No cohort.');
          return;
        }
        loadCohort(select.value);
      })
      .catch(function (e) {
        if (!(e instanceof Unauthorized)) {
          $('cohort-summary').textContent = 'Could not load your cohorts: ' + e.message;
        }
      });
  }

  function loadCohort(id) {
    ['members', 'cohort-score', 'dimensions'].forEach(function (p) {
      delete panel(p).dataset.state;
    });
    dimensions(id);
    $('report-links').replaceChildren();
    $('report-status').textContent = '';
    api('/cohorts/' + encodeURIComponent(id) + '/members')
      .then(function (list) {
        var scored = list.members.filter(function (m) {
          return m.averageScore != null;
        });
        var active = list.members.filter(function (m) {
          return m.completedSessions > 0;
        }).length;
        $('cohort-summary').textContent =
          plural(list.total, 'member') + '; ' + active + ' with a completed session.';
        members(list);
        cohortScores(scored);
      })
      .catch(function (e) {
        failed('members', "Members' progress", e);
        failed('cohort-score', 'Score distribution', e);
      });
  }

  function members(list) {
    var title = "Members' progress";
    if (list.members.length === 0) {
      message('members', 'empty', title, 'The cohort has no members yet.');
      return;
    }
    var option = base(title, 'completed sessions and average provisional score per member');
    option.xAxis = categoryAxis(
      'member',
      list.members.map(function (m) {
        return m.userId;
      })
    );
    option.yAxis = [
      valueAxis('completed sessions', { minInterval: 1 }),
      valueAxis('average ' + SCORE_AXIS, { min: 0, max: 100, position: 'right' })
    ];
    option.series = [
      bars(
        'Completed sessions',
        list.members.map(function (m) {
          return m.completedSessions;
        })
      ),
      bars(
        'Average score',
        list.members.map(function (m) {
          return m.averageScore == null ? null : m.averageScore;
        }),
        { yAxisIndex: 1 }
      )
    ];
    draw('members', option, '');
  }

  function cohortScores(scored) {
    var title = 'Score distribution';
    if (scored.length === 0) {
      message('cohort-score', 'empty', title, 'No member has a completed session yet.');
      return;
    }
    var counts = new Array(10).fill(0);
    scored.forEach(function (m) {
      counts[Math.min(9, Math.floor(m.averageScore / 10))] += 1;
    });
    var option = base(title, "members by their average provisional score");
    option.xAxis = categoryAxis(
      'average ' + SCORE_AXIS,
      counts.map(function (c, i) {
        return i * 10 + '–' + (i * 10 + 10);
      })
    );
    option.yAxis = valueAxis('members', { minInterval: 1 });
    option.series = [bars('Members', counts)];
    draw('cohort-score', option, plural(scored.length, 'member') + ' with a score.');
  }

  /** A dimension's wire name as words: starAdherence → star adherence. */
  function words(name) {
    return name.replace(/([A-Z])/g, ' $1').toLowerCase();
  }

  function dimensions(id) {
    var title = 'Dimension averages against everyone';
    api('/cohorts/' + encodeURIComponent(id) + '/dimensions')
      .then(function (d) {
        if (d.suppressed) {
          if (d.candidates === 0) {
            message(
              'dimensions',
              'empty',
              title,
              'No member has an assessed session yet: the cohort report assesses their sessions.'
            );
          } else {
            message(
              'dimensions',
              'too-small',
              title,
              'Too small a group to show: ' +
                plural(d.candidates, 'member') +
                (d.candidates === 1 ? ' has' : ' have') +
                ' an assessed session, and values are shown for groups of ' +
                d.minGroupSize +
                ' or more.'
            );
          }
          return;
        }
        if (d.dimensions.length === 0) {
          message('dimensions', 'empty', title, 'No assessed dimension to show.');
          return;
        }
        var option = base(title, 'average score per assessment dimension, over assessed sessions');
        option.xAxis = categoryAxis(
          'assessment dimension',
          d.dimensions.map(function (x) {
            return words(x.dimension);
          })
        );
        option.yAxis = valueAxis('average ' + SCORE_AXIS, { min: 0, max: 100 });
        option.series = [
          bars(
            'This cohort',
            d.dimensions.map(function (x) {
              return x.cohort == null ? null : x.cohort;
            })
          ),
          bars(
            'Everyone',
            d.dimensions.map(function (x) {
              return x.everyone == null ? null : x.everyone;
            })
          )
        ];
        draw(
          'dimensions',
          option,
          plural(d.candidates, 'member') +
            ' and ' +
            plural(d.everyoneCandidates, 'candidate') +
            ' in all with an assessed session.' +
            (d.everyoneCandidates < d.minGroupSize
              ? ' Everyone is too small a group to show.'
              : '')
        );
      })
      .catch(function (e) {
        failed('dimensions', title, e);
      });
  }

  function makeReport() {
    var id = $('cohort').value;
    var out = $('report-status');
    var links = $('report-links');
    links.replaceChildren();
    $('make-report').disabled = true;
    out.textContent = 'Requesting the report…';
    var unseen = 0;
    api('/cohorts/' + encodeURIComponent(id) + '/batches', {})
      .then(function (accepted) {
        later(accepted.poll);
      })
      .catch(function (e) {
        $('make-report').disabled = false;
        if (!(e instanceof Unauthorized)) {
          out.textContent = 'Could not request the report: ' + e.message;
        }
      });

    function later(path) {
      setTimeout(function () {
        poll(path);
      }, 2000);
    }

    function poll(path) {
      api(path)
        .then(function (b) {
          if (b.state === 'succeeded') {
            $('make-report').disabled = false;
            out.textContent = 'The report is ready:';
            // the report assessed the members' sessions: their dimensions are there now
            dimensions(id);
            (b.reports || []).forEach(function (r) {
              var li = document.createElement('li');
              var a = document.createElement('a');
              a.href = r.url;
              a.textContent = r.name;
              a.rel = 'noreferrer';
              li.append(
                a,
                ' (' + Math.max(1, Math.round(r.bytes / 1024)) + ' KB, link valid for ' +
                  Math.round(r.expiresInSeconds / 60) + ' min)'
              );
              links.append(li);
            });
          } else if (b.state === 'failed') {
            $('make-report').disabled = false;
            out.textContent = 'The report failed: ' + (b.detail || 'no detail');
          } else {
            out.textContent = 'The report is ' + b.state + '…';
            later(path);
          }
        })
        .catch(function (e) {
          // the API may not have seen the request yet: a new batch is unknown for a moment
          if (e.status === 404 && unseen++ < 10) {
            later(path);
            return;
          }
          $('make-report').disabled = false;
          if (!(e instanceof Unauthorized)) {
            out.textContent = 'Could not read the report status: ' + e.message;
          }
        });
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
    $('who').textContent =
      'Signed in as ' + c.sub + (roles.length ? ' (' + roles.join(', ') + ')' : ' (no role)');
    var admin = roles.indexOf('admin') >= 0;
    var analyst = admin || roles.indexOf('analyst') >= 0;
    var cohortAdmin = admin || roles.indexOf('cohort_admin') >= 0;
    if (!analyst && !cohortAdmin) {
      $('not-for-role').hidden = false;
      $('not-for-role-text').textContent =
        roles.indexOf('candidate') >= 0
          ? 'You are signed in as a candidate. This page shows programme and cohort figures for' +
            ' analysts and cohort admins, so it is not for your role: practise interviews on the' +
            ' practice page, /practice/.'
          : 'This page is for analysts and cohort admins; your token grants neither role.';
      document.body.dataset.view = 'not-for-role';
      return;
    }
    if (analyst) {
      $('programme').hidden = false;
      loadProgramme();
    }
    if (cohortAdmin) {
      $('cohorts').hidden = false;
      loadCohorts();
    }
    document.body.dataset.view = analyst ? (cohortAdmin ? 'both' : 'programme') : 'cohorts';
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
  $('programme-filter').addEventListener('submit', function (e) {
    e.preventDefault();
    loadProgramme();
  });
  $('cohort').addEventListener('change', function () {
    loadCohort($('cohort').value);
  });
  $('make-report').addEventListener('click', makeReport);
  window.addEventListener('resize', resizeAll);
  start();
})();
