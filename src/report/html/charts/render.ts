import * as echarts from 'echarts';

/** Options every report chart shares: still (no animation), plain fonts, nothing fetched. */
const BASE = { animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: 'Helvetica, Arial, sans-serif' } };

/**
 * Renders an ECharts option to an SVG string with ECharts' server-side SVG renderer (no DOM),
 * so the report's figures match the app's and need no script to display.
 */
export function renderChartSvg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...BASE, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
