// Passage's one script: a field a checkbox hides (form-js "conditional") is hidden while
// that checkbox says so. Without it the field stays visible; the server ignores it anyway.
(function () {
	function apply(root) {
		root.querySelectorAll('[data-hide-when]').forEach(function (field) {
			var box = document.getElementById('field-' + field.getAttribute('data-hide-when'));
			if (!box) {
				return;
			}
			var update = function () {
				field.hidden = String(box.checked) === field.getAttribute('data-hide-if');
			};
			box.addEventListener('change', update);
			update();
		});
	}
	document.addEventListener('DOMContentLoaded', function () { apply(document); });
	document.addEventListener('htmx:afterSwap', function (event) { apply(event.target); });
})();
