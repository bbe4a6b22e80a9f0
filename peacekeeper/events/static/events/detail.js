// The report page: a small map with the report's point.
(function () {
  "use strict";
  var element = document.getElementById("detail-map");
  if (element) window.PeacekeeperMiniMap(element);
})();
