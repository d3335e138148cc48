/*
 * Charts of the statistics pages, drawn with ECharts (WebJar, /webjars/echarts/) from the tables themselves: each
 * <div class="statistics-chart" data-chart-table="ID" data-chart-kind="bar|hbar" data-chart-series="1,2"> draws the
 * figure columns listed (1 = first column after the row header) of table#ID, reading each number from the cell's
 * data-value; data-chart-max fixes the top of the value axis (100 for percentages). The table stays the content (the chart is aria-hidden); without JavaScript or ECharts nothing changes.
 * Loaded with defer from 'self': the Content-Security-Policy allows no inline scripts.
 */
(function () {
  'use strict';

  if (typeof window.echarts === 'undefined') {
    return;
  }

  function text(cell) {
    return (cell.textContent || '').replace(/\s+/g, ' ').trim();
  }

  function value(cell) {
    var raw = cell && cell.getAttribute('data-value');
    return raw === null || raw === '' ? null : Number(raw);
  }

  function draw(container) {
    var table = document.getElementById(container.getAttribute('data-chart-table'));
    if (!table) {
      return;
    }
    var horizontal = container.getAttribute('data-chart-kind') === 'hbar';
    var columns = container.getAttribute('data-chart-series').split(',').map(Number);
    var headers = table.tHead.rows[0].cells;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var categories = rows.map(function (row) { return text(row.cells[0]); });
    var series = columns.map(function (column) {
      return {
        name: text(headers[column]),
        type: 'bar',
        data: rows.map(function (row) { return value(row.cells[column]); })
      };
    });
    if (horizontal) {
      // the first category on top, as in the table
      categories.reverse();
      series.forEach(function (s) { s.data.reverse(); });
    }
    var categoryAxis = { type: 'category', data: categories, axisLabel: { width: 220, overflow: 'truncate' } };
    var valueAxis = { type: 'value' };
    if (container.getAttribute('data-chart-max')) {
      valueAxis.max = Number(container.getAttribute('data-chart-max'));
    }
    container.classList.add('is-drawn');
    var chart = window.echarts.init(container, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      color: ['#08355f', '#b3261e', '#0f6b2f', '#8a5a00', '#4a4a4a'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll('.statistics-chart[data-chart-table]'), draw);
}());
