/**
 * ECharts, registered part by part (the full bundle is several times larger): the charts and
 * components the screens use. Import VChart from here so the parts are registered first.
 */
import { HeatmapChart, LineChart } from 'echarts/charts';
import { BarChart, CustomChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  CanvasRenderer, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  TitleComponent, DataZoomComponent, VisualMapComponent,
]);
// The saliency screen's importance bars with their ± sd whiskers.
use([BarChart, CustomChart]);

export { default as VChart } from 'vue-echarts';

/** ECharts' own init, for a view that drives its chart imperatively (the saliency heatmap); the parts above are registered by importing it from here. */
export { init as initChart } from 'echarts/core';
