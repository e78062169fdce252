/* Leaflet 1.9.4, a JS library for interactive maps. https://leafletjs.com (c) Volodymyr Agafonkin, BSD-2-Clause */
window.L = window.L || {};
