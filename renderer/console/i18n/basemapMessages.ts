/** Texts of the basemap (issue 12, point 4): the day/night switch on the map. Merged into MESSAGES. */

export const basemapNl = {
  'map.basemapToDay': 'Dagkaart tonen',
  'map.basemapToNight': 'Nachtkaart tonen',
};

export const basemapEn: Record<keyof typeof basemapNl, string> = {
  'map.basemapToDay': 'Show the day map',
  'map.basemapToNight': 'Show the night map',
};
