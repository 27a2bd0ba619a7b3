<?php
/**
 * Removes what the plugin stored: the catalogues it added to the media library (their files, and
 * the folders of large ones, too). Posts keep their blocks and shortcodes, which WordPress then
 * shows as it shows any block or shortcode of a plugin that is gone.
 *
 * @package Reportshelf
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

// The plugin itself is not loaded here: its folder rules are.
require_once __DIR__ . '/split.php';

$reportshelf_catalogues = get_posts(
	array(
		'post_type'      => 'attachment',
		'post_status'    => 'any',
		'meta_key'       => '_reportshelf_catalogue', // phpcs:ignore WordPress.DB.SlowDBQuery -- once, on uninstall.
		'posts_per_page' => -1,
		'fields'         => 'ids',
	)
);
foreach ( $reportshelf_catalogues as $reportshelf_id ) {
	reportshelf_delete_split( $reportshelf_id );
	wp_delete_attachment( $reportshelf_id, true );
}
