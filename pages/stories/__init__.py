"""Stories: the story index (filters, pagination, feeds) and story pages.

``models`` holds ``StoryIndexPage`` and ``StoryPage`` (app label ``pages``) and the area helpers
the other page types share; ``feeds`` the RSS and Atom feeds of an index. Templates:
``templates/pages/story_*.html``.
"""
