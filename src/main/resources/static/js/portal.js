/*
 * Cổng Dịch vụ công — small progressive enhancements. Every page works without this file.
 * Loaded with defer from 'self' (the Content-Security-Policy allows no inline scripts).
 *  (a) A commune select with data-province-field="<id of the province select>" lists only the communes of the chosen
 *      province. Without JavaScript it lists all communes, grouped by province.
 *  (b) The error summary of a form (else the rating form's, else the page's problem message) gets the focus on load,
 *      so screen readers read it first.
 *  (c) A form with data-autosave="true" saves the page's answers into the draft a few seconds after the citizen
 *      stops typing (action=autosave, answered 204), and says so in its status line. "Lưu nháp" does the same
 *      without JavaScript.
 */
(function () {
  'use strict';

  function filterCommunes(communeSelect) {
    var provinceSelect = document.getElementById(communeSelect.getAttribute('data-province-field'));
    if (!provinceSelect) {
      return;
    }
    // Keep every group aside once: hidden <option>s are not reliable in all browsers (iOS Safari ignores them),
    // so the select is rebuilt with the groups that apply.
    var groups = Array.prototype.slice.call(communeSelect.querySelectorAll('optgroup'));
    var placeholder = communeSelect.querySelector('option[value=""]');

    function apply() {
      var province = provinceSelect.value;
      var selected = communeSelect.value;
      groups.forEach(function (group) {
        if (group.parentNode === communeSelect) {
          communeSelect.removeChild(group);
        }
      });
      var keepSelection = false;
      groups.forEach(function (group) {
        if (!province || group.getAttribute('data-province') === province) {
          communeSelect.appendChild(group);
          if (selected && group.querySelector('option[value="' + cssEscape(selected) + '"]')) {
            keepSelection = true;
          }
        }
      });
      if (keepSelection) {
        communeSelect.value = selected;
      } else if (placeholder) {
        placeholder.selected = true;
      }
    }

    provinceSelect.addEventListener('change', apply);
    apply();
  }

  function cssEscape(value) {
    if (window.CSS && typeof window.CSS.escape === 'function') {
      return window.CSS.escape(value);
    }
    return String(value).replace(/["\\]/g, '\\$&');
  }

  var SUMMARIES = ['error-summary', 'rating-error-summary', 'problem'];

  function focusErrorSummary() {
    var summary = null;
    for (var i = 0; i < SUMMARIES.length && !summary; i++) {
      summary = document.getElementById(SUMMARIES[i]);
    }
    if (summary) {
      summary.focus();
      if (typeof summary.scrollIntoView === 'function') {
        summary.scrollIntoView({ block: 'start' });
      }
    }
  }

  // Links of the error summary move the focus to the field (not just scroll to it), with its label in view.
  function linkErrorsToFields(summary) {
    summary.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
      if (!link) {
        return;
      }
      var field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      var label = document.querySelector('label[for="' + cssEscape(field.id) + '"]');
      (label || field).scrollIntoView({ block: 'start' });
      field.focus({ preventScroll: true });
    });
  }

  function autosave(form) {
    var status = document.getElementById('autosave-status');
    var timer = null;
    var saving = false;

    function save() {
      timer = null;
      if (saving || !window.fetch || !window.FormData) {
        return;
      }
      saving = true;
      var data = new FormData(form);
      data.set('action', 'autosave');
      // getAttribute: form.action would be the buttons named "action", not the address.
      window.fetch(form.getAttribute('action'), { method: 'POST', body: new URLSearchParams(data), credentials: 'same-origin' })
        .then(function (response) {
          if (status) {
            var time = new Date().toTimeString().slice(0, 5);
            status.textContent = response.ok
              ? status.getAttribute('data-saved-text').replace('{0}', time)
              : status.getAttribute('data-failed-text');
          }
        })
        .catch(function () {
          if (status) {
            status.textContent = status.getAttribute('data-failed-text');
          }
        })
        .then(function () {
          saving = false;
        });
    }

    function later() {
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(save, 3000);
    }

    form.addEventListener('input', later);
    form.addEventListener('change', later);
    // Leaving by a button saves through the form itself.
    form.addEventListener('submit', function () {
      if (timer) {
        window.clearTimeout(timer);
        timer = null;
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-autosave="true"]'), autosave);
    Array.prototype.forEach.call(document.querySelectorAll('select[data-province-field]'), filterCommunes);
    SUMMARIES.slice(0, 2).forEach(function (id) {
      var summary = document.getElementById(id);
      if (summary) {
        linkErrorsToFields(summary);
      }
    });
    focusErrorSummary();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
