// Hedgerow School's course site. Headings get ids and a "#" permalink from markdown-it-anchor,
// as Eleventy's own starter blog does; the layout carries Folio's search box.
import markdownItAnchor from 'markdown-it-anchor';

export default function (eleventyConfig) {
  eleventyConfig.amendLibrary('md', (md) =>
    md.use(markdownItAnchor, {
      permalink: markdownItAnchor.permalink.ariaHidden({ placement: 'after', symbol: '#' }),
      level: [2, 3],
    }),
  );
  // Every page of the course uses the one layout and is listed in the navigation.
  eleventyConfig.addGlobalData('layout', 'layout.njk');
  eleventyConfig.addGlobalData('tags', 'course');
  eleventyConfig.addPassthroughCopy('src/images');
  eleventyConfig.addPassthroughCopy('src/style.css');
}

export const config = {
  dir: { input: 'src', output: '_site' },
  markdownTemplateEngine: 'njk',
};
