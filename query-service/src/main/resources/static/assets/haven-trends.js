// Draws the board's chart from the table on the page, so the table is the chart's accessible
// version and the two cannot disagree. A suppressed count ([c]) is left out, never drawn as a number.
(function () {
  const table = document.getElementById('trend-table')
  const canvas = document.getElementById('trend-chart')
  if (!table || !canvas || !window.Chart) {
    return
  }
  const periods = []
  const series = new Map()
  for (const row of table.tBodies[0].rows) {
    const cells = Array.from(row.cells, (cell) => cell.textContent.trim())
    const period = cells[0]
    const label = cells.slice(1, -1).join(' / ') || 'Cases'
    const count = cells[cells.length - 1]
    if (!periods.includes(period)) {
      periods.push(period)
    }
    if (!series.has(label)) {
      series.set(label, new Map())
    }
    series.get(label).set(period, /^\d+$/.test(count) ? Number(count) : null)
  }
  // one period: a bar per breakdown value; several: the periods along the axis, a series per value
  const data = periods.length === 1
    ? { labels: Array.from(series.keys()), datasets: [{ label: periods[0], data: Array.from(series.values(), (counts) => counts.get(periods[0])) }] }
    : {
        labels: periods,
        datasets: Array.from(series, ([label, counts]) => ({
          label,
          data: periods.map((period) => (counts.has(period) ? counts.get(period) : null))
        }))
      }
  new window.Chart(canvas, {
    type: 'bar',
    data,
    options: {
      animation: false,
      plugins: { legend: { display: data.datasets.length > 1 } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  })
})()
