// Draftail entity "CITATION": an in-text citation pointing at a research.Reference snippet.
// The source opens Wagtail's snippet chooser for references (the same modal workflow the link
// and document choosers use); the decorator shows the cited words with a marker in the editor.
(() => {
  "use strict";
  const { ModalWorkflowSource, registerPlugin } = window.draftail;
  const React = window.React;

  class CitationSource extends ModalWorkflowSource {
    getChooserConfig() {
      const { referenceChooser } = { ...this.props.entityType?.chooserUrls };
      return {
        url: referenceChooser,
        urlParams: {},
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: data.id, string: data.string };
    }
  }

  const Citation = (props) => {
    const { entityKey, contentState, children } = props;
    const data = contentState.getEntity(entityKey).getData();
    return React.createElement(
      "span",
      { className: "research-citation-entity", title: data.string || "", "data-citation-id": data.id },
      children,
      React.createElement("sup", { "aria-hidden": "true" }, "[*]"),
    );
  };

  registerPlugin({ type: "CITATION", source: CitationSource, decorator: Citation }, "entityTypes");
})();
