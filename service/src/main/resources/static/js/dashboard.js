// The dashboard's charts, drawn from the numbers the page already shows in its tables
// (data-bars, data-money): a chart adds nothing the tables do not say.
document.addEventListener('DOMContentLoaded', function () {
	if (typeof Chart === 'undefined') {
		return; // the tables stand alone
	}
	document.querySelectorAll('canvas[data-bars]').forEach(function (canvas) {
		var bars = JSON.parse(canvas.getAttribute('data-bars'));
		new Chart(canvas, {
			type: 'bar',
			data: {
				labels: bars.map(function (b) { return b.label; }),
				datasets: [{ data: bars.map(function (b) { return b.count === null ? 0 : b.count; }) }]
			},
			options: { indexAxis: 'y', animation: false, plugins: { legend: { display: false } } }
		});
	});
	var money = document.getElementById('money-chart');
	if (money) {
		var funds = JSON.parse(money.getAttribute('data-money'));
		var labels = JSON.parse(money.getAttribute('data-labels'));
		var series = function (key) { return funds.map(function (f) { return f[key]; }); };
		new Chart(money, {
			type: 'bar',
			data: {
				labels: funds.map(function (f) { return f.fund; }),
				datasets: [
					{ label: labels[0], data: series('reserved') },
					{ label: labels[1], data: series('committed') },
					{ label: labels[2], data: series('balance') }
				]
			},
			options: { indexAxis: 'y', animation: false, scales: { x: { stacked: true }, y: { stacked: true } } }
		});
	}
});
