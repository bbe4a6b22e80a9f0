// The report page: a small map with the report's point.
import { miniMap } from "./minimap.js";

const element = document.getElementById("detail-map");
if (element) miniMap(element);
