// KaTeX renders every formula twice: visible HTML and hidden MathML for screen readers.
// Pagefind would index the MathML as stray text, so mark it to be skipped.
/** @param {any} node @param {(n: any) => void} visit */
function walk(node, visit) {
  visit(node);
  if (Array.isArray(node.children)) for (const child of node.children) walk(child, visit);
}

export function rehypePagefindIgnoreMathml() {
  /** @param {any} tree */
  return (tree) => {
    walk(tree, (node) => {
      const cls = node.type === 'element' ? node.properties?.className : undefined;
      if (Array.isArray(cls) && cls.includes('katex-mathml')) {
        node.properties['data-pagefind-ignore'] = '';
      }
    });
  };
}
