// Draws the board's chart from the table on the page, so the table is the chart's text version and
// the two cannot disagree. Each row is a value and each column a period: over several periods a line
// per value, where a hidden count ([c]) is a gap, never a number; for one period a bar per value.
// Totals are rows of their own and are not drawn beside their parts.
(function () {
  const table = document.getElementById('trend-table')
  const canvas = document.getElementById('trend-chart')
  if (!table || !canvas || !window.Chart) {
    return
  }
  const periods = Array.from(table.tHead.rows[0].cells).slice(1).map((cell) => cell.textContent.trim())
  const rows = Array.from(table.tBodies[0].rows).filter((row) => !row.classList.contains('haven-total'))
  const counts = (row) => Array.from(row.cells).slice(1)
    .map((cell) => (/^\d+$/.test(cell.textContent.trim()) ? Number(cell.textContent.trim()) : null))
  const label = (row) => row.cells[0].textContent.trim()
  const line = canvas.dataset.chart === 'line'
  const data = line
    ? { labels: periods, datasets: rows.map((row) => ({ label: label(row), data: counts(row), spanGaps: false })) }
    : { labels: rows.map(label), datasets: [{ label: periods[0], data: rows.map((row) => counts(row)[0]) }] }
  new window.Chart(canvas, {
    type: line ? 'line' : 'bar',
    data,
    options: {
      animation: false,
      plugins: { legend: { display: line && data.datasets.length > 1 } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  })
})()
