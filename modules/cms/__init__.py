"""CMS, an optional module: content pages of vendors and platforms, vendors' media files and themes."""
