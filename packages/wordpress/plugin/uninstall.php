<?php
/**
 * Removes what the plugin stored: the catalogues it added to the media library (their files
 * too). Posts keep their blocks and shortcodes, which WordPress then shows as it shows any block
 * or shortcode of a plugin that is gone.
 *
 * @package Reportshelf
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

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
	wp_delete_attachment( $reportshelf_id, true );
}
