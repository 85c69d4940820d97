<?php
// Print wp_kses_post(<stdin>): what WordPress keeps of a post written by an author
// without the unfiltered_html capability. Runs WordPress's own wp-includes/kses.php
// (from the Debian package; scripts/system-deps.sh test unpacks it) with stubs for the
// few WordPress functions it calls on that path, each doing what WordPress does when no
// plugin or theme has added a filter.
//
//   php tests/render/kses.php <path to kses.php> < post.html

if ($argc !== 2 || !is_file($argv[1])) {
    fwrite(STDERR, "usage: php kses.php <path to wp-includes/kses.php> < post.html\n");
    exit(2);
}

// No filters are registered: a filter returns its value unchanged.
function apply_filters($hook_name, $value, ...$args) { return $value; }
function add_filter(...$args) { return true; }
function remove_filter(...$args) { return true; }
function has_filter(...$args) { return false; }
function _deprecated_argument(...$args) {}
function current_user_can(...$args) { return false; }

// wp-includes/functions.php, wp_allowed_protocols(): its default list.
function wp_allowed_protocols() {
    return array('http', 'https', 'ftp', 'ftps', 'mailto', 'news', 'irc', 'irc6', 'ircs',
        'gopher', 'nntp', 'feed', 'telnet', 'mms', 'rtsp', 'sms', 'svn', 'tel', 'fax',
        'xmpp', 'webcal', 'urn');
}

// Only used for an attribute written without a value (e.g. `open`): WordPress
// escapes it as an attribute value; ours are plain words.
function esc_attr($text) { return htmlspecialchars($text, ENT_QUOTES, 'UTF-8'); }

require $argv[1];

echo wp_kses_post(stream_get_contents(STDIN));
